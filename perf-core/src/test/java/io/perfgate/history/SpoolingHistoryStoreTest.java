package io.perfgate.history;

import static io.perfgate.history.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingHistoryStoreTest {

    @TempDir
    Path folder;

    @Test
    void shouldSpoolWhileTheServerIsDownAndWriteTheRunOnALaterBuild() throws IOException {
        TestPostgres server = TestPostgres.server();
        PostgresConnectionSettings settings = server.newDatabase();
        Path spool = folder.resolve("spool");
        Diagnostics firstBuild = new Diagnostics();
        SpoolingHistoryStore store = new SpoolingHistoryStore(new PostgresHistoryStore(settings), spool, firstBuild);
        RunRecord before = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord duringOutage = run("shop", "main", "2", 2, Verdict.PASS);
        RunRecord after = run("shop", "main", "3", 3, Verdict.PASS);
        assertThat(store.record(before)).isEqualTo(RecordOutcome.STORED);

        server.stop();
        try {
            assertThat(store.record(duringOutage)).isEqualTo(RecordOutcome.SPOOLED);

            assertThat(store.spooledRuns()).isEqualTo(1);
            assertThat(firstBuild.all()).singleElement().satisfies(message -> {
                assertThat(message.level()).isEqualTo(Diagnostic.Level.WARNING);
                assertThat(message.text()).startsWith("PostgreSQL at " + settings.target() + " is unreachable: ")
                        .endsWith("; the run 2 of shop is spooled in " + spool.toAbsolutePath()
                                + " and will be written on a later build")
                        .doesNotContain(TestPostgres.PASSWORD);
            });
            Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
            assertThat(baseline.kind()).isEqualTo(Baseline.Kind.UNAVAILABLE);
            assertThat(baseline.unavailableReason().orElseThrow())
                    .startsWith("PostgreSQL at " + settings.target() + " is unreachable: ");
            assertThatThrownBy(() -> store.runs("shop", "main", 5)).isInstanceOf(HistoryUnavailableException.class);
            assertThatThrownBy(() -> store.flag("shop", "1", "noisy")).isInstanceOf(HistoryUnavailableException.class);
        } finally {
            server.start();
        }

        Diagnostics laterBuild = new Diagnostics();
        SpoolingHistoryStore later = new SpoolingHistoryStore(new PostgresHistoryStore(settings), spool, laterBuild);
        assertThat(later.record(after)).isEqualTo(RecordOutcome.STORED);

        assertThat(later.spooledRuns()).isZero();
        assertThat(laterBuild.all()).extracting(Diagnostic::text).containsExactly(
                "wrote 1 spooled run from " + spool.toAbsolutePath() + " to PostgreSQL at " + settings.target());
        assertThat(later.runs("shop", "main", 10)).extracting(RecordedRun::run)
                .containsExactly(after, duringOutage, before);
    }

    @Test
    void shouldWriteSpooledRunsOldestFirstAndOnceEvenWhenOneIsAlreadyStored() {
        PostgresConnectionSettings live = TestPostgres.server().newDatabase();
        Path spool = folder.resolve("spool");
        SpoolingHistoryStore down = new SpoolingHistoryStore(new PostgresHistoryStore(unreachable()), spool,
                new Diagnostics());
        RunRecord first = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord second = run("shop", "main", "2", 2, Verdict.FAIL);
        RunRecord retried = run("shop", "main", "2", 9, Verdict.PASS);
        assertThat(down.record(second)).isEqualTo(RecordOutcome.SPOOLED);
        assertThat(down.record(first)).isEqualTo(RecordOutcome.SPOOLED);
        assertThat(down.record(retried)).isEqualTo(RecordOutcome.SPOOLED);
        assertThat(down.spooledRuns()).isEqualTo(2);
        PostgresHistoryStore database = new PostgresHistoryStore(live);
        assertThat(database.record(first)).isEqualTo(RecordOutcome.STORED);

        SpoolingHistoryStore up = new SpoolingHistoryStore(database, spool, new Diagnostics());
        assertThat(up.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(first);

        assertThat(up.spooledRuns()).isZero();
        assertThat(up.runs("shop", "main", 10)).extracting(RecordedRun::run).containsExactly(second, first);
    }

    @Test
    void shouldSetACorruptSpoolFileAsideWithOneWarningAndWriteTheOtherRuns() throws IOException {
        PostgresConnectionSettings live = TestPostgres.server().newDatabase();
        Path spool = folder.resolve("spool");
        SpoolingHistoryStore down = new SpoolingHistoryStore(new PostgresHistoryStore(unreachable()), spool,
                new Diagnostics());
        RunRecord waiting = run("billing", "main", "7", 0, Verdict.PASS);
        assertThat(down.record(waiting)).isEqualTo(RecordOutcome.SPOOLED);
        Path broken = spool.resolve("20250301T120000.000000Z_shop_9.json");
        Files.writeString(broken, "{\"format\": 1,");
        Diagnostics diagnostics = new Diagnostics();
        SpoolingHistoryStore store = new SpoolingHistoryStore(new PostgresHistoryStore(live), spool, diagnostics);

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).available()).isTrue();
        assertThat(store.record(run("shop", "main", "1", 1, Verdict.PASS))).isEqualTo(RecordOutcome.STORED);
        assertThat(store.runs("billing", "main", 5)).extracting(RecordedRun::run).containsExactly(waiting);

        assertThat(broken).doesNotExist();
        Path aside;
        try (var files = Files.list(spool)) {
            aside = files.filter(file -> file.getFileName().toString().startsWith(broken.getFileName() + ".corrupt-"))
                    .findFirst().orElseThrow();
        }
        assertThat(aside).hasContent("{\"format\": 1,");
        assertThat(store.spooledRuns()).isZero();
        assertThat(diagnostics.all()).filteredOn(message -> message.level() != Diagnostic.Level.INFO).singleElement()
                .satisfies(message -> {
                    assertThat(message.level()).isEqualTo(Diagnostic.Level.WARNING);
                    assertThat(message.text()).startsWith("the spooled run " + broken + " line 1")
                            .contains("is not valid JSON").endsWith(". The file is set aside as " + aside.getFileName()
                                    + " in " + spool.toAbsolutePath() + ", and the other spooled runs are written");
                });
    }

    @Test
    void shouldLeaveASpoolFileOfANewerFormatAsItIsWithOneWarning() throws IOException {
        PostgresConnectionSettings live = TestPostgres.server().newDatabase();
        Path spool = Files.createDirectories(folder.resolve("spool"));
        Path newer = Files.writeString(spool.resolve("20250301T120000.000000Z_shop_9.json"),
                "{\"format\": 2, \"run\": {}}");
        Diagnostics diagnostics = new Diagnostics();
        SpoolingHistoryStore store = new SpoolingHistoryStore(new PostgresHistoryStore(live), spool, diagnostics);

        store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
        assertThat(store.record(run("shop", "main", "1", 1, Verdict.PASS))).isEqualTo(RecordOutcome.STORED);
        store.runs("shop", "main", 5);

        assertThat(newer).hasContent("{\"format\": 2, \"run\": {}}");
        assertThat(diagnostics.all()).extracting(Diagnostic::level).containsOnlyOnce(Diagnostic.Level.WARNING)
                .doesNotContain(Diagnostic.Level.ERROR);
        assertThat(diagnostics.all()).extracting(Diagnostic::text).contains("the spooled run " + newer
                + ": is in history format 2, newer than this perfgate reads (1): use a newer perfgate. A newer"
                + " perfgate wrote it, so it is left as it is; the other spooled runs are written");
    }

    @Test
    void shouldSayWhereTheRunsWaitWhenTheyCannotEvenBeSpooled() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");
        SpoolingHistoryStore store = new SpoolingHistoryStore(new PostgresHistoryStore(unreachable()), notAFolder,
                new Diagnostics());

        assertThatThrownBy(() -> store.record(run("shop", "main", "1", 1, Verdict.PASS)))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("is unreachable")
                .hasMessageContaining("the run 1 cannot be spooled in " + notAFolder);
    }

    @Test
    void shouldKeepItsSpoolInThePerfgateFolderOfTheUserHomeByDefault() {
        assertThat(SpoolingHistoryStore.defaultSpoolFolder())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".perfgate", "spool"));
        SpoolingHistoryStore store = new SpoolingHistoryStore(new PostgresHistoryStore(unreachable()),
                folder.resolve("spool"), new Diagnostics());
        assertThat(store.location()).isEqualTo("PostgreSQL at 127.0.0.1:" + unreachablePort + "/perf (spooling in "
                + folder.resolve("spool").toAbsolutePath() + ")");
        assertThat(List.of(store.spoolFolder())).containsExactly(folder.resolve("spool").toAbsolutePath());
    }

    private int unreachablePort;

    private PostgresConnectionSettings unreachable() {
        try {
            unreachablePort = PostgresHistoryStoreTest.closedPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:" + unreachablePort + "/perf", "perfgate",
                "secret", Duration.ofSeconds(2));
    }
}
