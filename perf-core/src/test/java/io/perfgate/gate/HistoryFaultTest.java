package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.PostgresHistoryStore;
import io.perfgate.history.RecordOutcome;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.history.SpoolingHistoryStore;
import io.perfgate.history.TestHistoryStores;
import io.perfgate.model.BuildResult;
import io.perfgate.model.GateDecision;
import io.perfgate.model.Verdict;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import io.perfgate.report.JsonReportReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history under faults, each as a build of perf:check meets it: corrupt and foreign files in the
 * file store and the spool, PostgreSQL down, slow, refusing the password or cut off in the middle of a
 * write, and a disk that takes no more bytes. Each test says what the verdict is, what the build is told,
 * and that no run recorded before is lost or recorded twice, retries included.
 */
class HistoryFaultTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500"]
            """;

    @TempDir
    Path project;

    private Path spool;

    @BeforeEach
    void measuredRun() throws IOException {
        new RunFolders(perf()).single("shop", "a_pass", 0);
        Files.writeString(project.resolve("perf-budget.yaml"), BUDGET);
        spool = project.resolve("spool");
    }

    // ---- the file store ------------------------------------------------------------------------------------

    @Test
    void shouldSetACutShortRunFileAsideAndStillJudgeRecordAndReport() throws IOException {
        Path history = project.resolve("history");
        for (int build = 1; build <= 3; build++) {
            assertThat(build(history.toString(), "build-" + build, build).report().verdict()).isEqualTo(Verdict.PASS);
        }
        Path file = runFile(history, "build-2");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 300); // head -c 300 run.json > run.json
        Files.write(file, cut);

        GateOutcome fourth = build(history.toString(), "build-4", 4);

        assertThat(fourth.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(fourth.decision().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(writtenReport(fourth)).isEqualTo(T0.plusSeconds(4 * 60));
        Path aside = onlySetAside(file);
        assertThat(aside).hasBinaryContent(cut);
        assertThat(texts(fourth, Diagnostic.Level.WARNING)).singleElement().asString().startsWith(file + " line ")
                .endsWith(". The file is set aside as " + aside.getFileName() + " in " + aside.getParent()
                        + ", and the history goes on without it");
        assertThat(texts(fourth, Diagnostic.Level.ERROR)).isEmpty();
        assertThat(runIds(fileStore(history))).containsExactly("build-4", "build-3", "build-1");

        GateOutcome retried = build(history.toString(), "build-4", 5);

        assertThat(retried.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(texts(retried, Diagnostic.Level.WARNING)).isEmpty();
        assertThat(texts(retried, Diagnostic.Level.INFO))
                .contains("run build-4 of main was recorded before (a retried build); the first record stands");
        assertThat(runIds(fileStore(history))).containsExactly("build-4", "build-3", "build-1");
    }

    @Test
    void shouldSetACorruptMarksFileAsideAndKeepEveryRun() throws IOException {
        Path history = project.resolve("history");
        build(history.toString(), "build-1", 1);
        build(history.toString(), "build-2", 2);
        fileStore(history).flag("shop", "build-2", "noisy agent");
        Path marks = history.resolve("shop/marks.json");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(marks), 20);
        Files.write(marks, cut);

        GateOutcome third = build(history.toString(), "build-3", 3);

        assertThat(third.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(writtenReport(third)).isEqualTo(T0.plusSeconds(3 * 60));
        assertThat(onlySetAside(marks)).hasBinaryContent(cut);
        assertThat(texts(third, Diagnostic.Level.WARNING)).singleElement().asString().startsWith(marks + " line ")
                .endsWith(", and its pins and flags no longer apply: repair it and rename it back to marks.json, or"
                        + " pin and flag the runs again");
        assertThat(runIds(fileStore(history))).containsExactly("build-3", "build-2", "build-1");
    }

    @Test
    void shouldLeaveForeignFilesAndFilesOfANewerPerfgateAsTheyAre() throws IOException {
        Path history = project.resolve("history");
        build(history.toString(), "build-1", 1);
        Path branch = runFile(history, "build-1").getParent();
        Path notes = Files.writeString(branch.resolve("notes.txt"), "agent 4 was noisy");
        Path projectNotes = Files.writeString(history.resolve("shop/README.json"), "{\"owner\": \"perf team\"}");
        String newerRun = Files.readString(runFile(history, "build-1")).replace("\"format\" : 1", "\"format\" : 2")
                .replace("build-1", "build-0");
        Path newer = Files.writeString(branch.resolve("20261123T115900.000000Z_build-0.json"), newerRun);

        GateOutcome second = build(history.toString(), "build-2", 2);

        assertThat(second.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(texts(second, Diagnostic.Level.WARNING)).containsExactly(newer + ": is in history format 2, newer"
                + " than this perfgate reads (1): use a newer perfgate. A newer perfgate wrote it, so it is left as it"
                + " is and skipped");
        assertThat(notes).hasContent("agent 4 was noisy");
        assertThat(projectNotes).hasContent("{\"owner\": \"perf team\"}");
        assertThat(newer).hasContent(newerRun);
        assertThat(runIds(fileStore(history))).containsExactly("build-2", "build-1");
    }

    // ---- the spool ---------------------------------------------------------------------------------------

    @Test
    void shouldSetACorruptSpoolFileOfAnotherProjectAsideWithOneWarning() throws IOException, SQLException {
        PostgresConnectionSettings database = TestPostgres.server().newDatabase();
        SpoolingHistoryStore down = new SpoolingHistoryStore(new PostgresHistoryStore(unreachable()), spool,
                new Diagnostics());
        RunRecord billing = RunRecord.builder().project("billing").branch("main").runId("77").startedAt(T0)
                .verdict(Verdict.PASS).build();
        assertThat(down.record(billing)).isEqualTo(RecordOutcome.SPOOLED);
        Path broken = spool.resolve("20261123T110000.000000Z_billing_76.json");
        Files.writeString(broken, "{\"format\": 1, \"project\": \"billing\", \"bra");

        GateOutcome shop = build(database.jdbcUrl(), "build-1", 1, credentials(TestPostgres.PASSWORD));

        assertThat(shop.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(shop.decision().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(texts(shop, Diagnostic.Level.ERROR)).isEmpty();
        Path aside = onlySetAside(broken);
        assertThat(aside).hasContent("{\"format\": 1, \"project\": \"billing\", \"bra");
        assertThat(texts(shop, Diagnostic.Level.WARNING)).singleElement().asString()
                .startsWith("the spooled run " + broken + " line 1").endsWith(". The file is set aside as "
                        + aside.getFileName() + " in " + spool + ", and the other spooled runs are written");
        assertThat(texts(shop, Diagnostic.Level.INFO)).contains("wrote 1 spooled run from " + spool
                + " to PostgreSQL at " + database.target());
        assertThat(rows(database, "SELECT project || ' ' || run_id FROM perfgate_run ORDER BY project"))
                .containsExactly("billing 77", "shop build-1");
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------------------

    @Test
    void shouldSpoolWhilePostgresIsDownAndWriteTheRunOnceOnTheNextBuild() throws IOException, SQLException {
        TestPostgres server = TestPostgres.server();
        PostgresConnectionSettings database = server.newDatabase();
        Map<String, String> credentials = credentials(TestPostgres.PASSWORD);
        build(database.jdbcUrl(), "build-1", 1, credentials);

        GateOutcome duringOutage;
        server.stop();
        try {
            duringOutage = build(database.jdbcUrl(), "build-2", 2, credentials);
        } finally {
            server.start();
        }

        assertThat(duringOutage.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(writtenReport(duringOutage)).isEqualTo(T0.plusSeconds(2 * 60));
        assertThat(texts(duringOutage, Diagnostic.Level.WARNING)).first().asString()
                .startsWith("PostgreSQL at " + database.target() + " is unreachable: ")
                .endsWith("; the run build-2 of shop is spooled in " + spool + " and will be written on a later build");
        assertThat(spooled()).hasSize(1);
        GateOutcome third = build(database.jdbcUrl(), "build-3", 3, credentials);
        GateOutcome retried = build(database.jdbcUrl(), "build-2", 4, credentials);

        assertThat(texts(third, Diagnostic.Level.INFO)).contains("wrote 1 spooled run from " + spool
                + " to PostgreSQL at " + database.target());
        assertThat(texts(retried, Diagnostic.Level.INFO))
                .contains("run build-2 of main was recorded before (a retried build); the first record stands");
        assertThat(spooled()).isEmpty();
        assertThat(rows(database, "SELECT run_id FROM perfgate_run ORDER BY run_id"))
                .containsExactly("build-1", "build-2", "build-3");
    }

    @Test
    void shouldFailClosedOnAWrongPasswordSayingItOnceAndSpoolingNothing() throws IOException, SQLException {
        PostgresConnectionSettings database = TestPostgres.server().newDatabase();
        build(database.jdbcUrl(), "build-1", 1, credentials(TestPostgres.PASSWORD));
        String wrong = "not-the-password-" + TestPostgres.PASSWORD.hashCode();

        GateOutcome refused = build(database.jdbcUrl(), "build-2", 2, credentials(wrong));

        assertThat(refused.report().verdict()).isEqualTo(Verdict.ERROR);
        GateDecision decision = refused.decision();
        assertThat(decision.result()).isEqualTo(BuildResult.FAILURE);
        String error = "the run history cannot be used: PostgreSQL at " + database.target() + " refused user postgres: ";
        assertThat(decision.message()).contains(error).contains("password authentication failed for user \"postgres\"")
                .contains("This is a configuration error, not an outage, so no run is spooled for it: check the user"
                        + " (postgres) and the password given for the history database");
        assertThat(refused.report().messages()).filteredOn(message -> message.text().contains("authentication failed"))
                .singleElement().extracting(Diagnostic::level).isEqualTo(Diagnostic.Level.ERROR);
        assertThat(writtenReport(refused)).isEqualTo(T0.plusSeconds(2 * 60));
        for (Path report : refused.reportFiles()) {
            assertThat(Files.readString(report)).doesNotContain(wrong).doesNotContain(TestPostgres.PASSWORD);
        }
        assertThat(spooled()).isEmpty();
        assertThat(rows(database, "SELECT run_id FROM perfgate_run")).containsExactly("build-1");
    }

    @Test
    void shouldSpoolARunWhenAStatementWaitsPastTheTimeout() throws IOException, SQLException {
        PostgresConnectionSettings database = TestPostgres.server().newDatabase();
        Diagnostics firstBuild = new Diagnostics();
        check("build-1", 1, spooling(database, Duration.ofSeconds(2), firstBuild), firstBuild);

        GateOutcome slow;
        long started = System.nanoTime();
        try (Connection lock = TestPostgres.server().connectAsSuperuser(name(database))) {
            holdLock(lock, "perfgate_run");
            Diagnostics diagnostics = new Diagnostics();
            slow = check("build-2", 2, spooling(database, Duration.ofSeconds(2), diagnostics), diagnostics);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(slow.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(texts(slow, Diagnostic.Level.WARNING)).first().asString()
                .startsWith("PostgreSQL at " + database.target() + " did not finish a statement within 2 s: ")
                .contains("canceling statement due to statement timeout")
                .endsWith("; the run build-2 of shop is spooled in " + spool + " and will be written on a later build");
        assertThat(rows(database, "SELECT run_id FROM perfgate_run")).containsExactly("build-1");
        Diagnostics later = new Diagnostics();
        check("build-3", 3, spooling(database, Duration.ofSeconds(2), later), later);
        assertThat(rows(database, "SELECT run_id FROM perfgate_run ORDER BY run_id"))
                .containsExactly("build-1", "build-2", "build-3");
    }

    @Test
    void shouldSpoolARunWhenTheServerAcceptsButNeverAnswers() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (held.size() < 20) {
                        held.add(silent.accept()); // and never a byte back
                    }
                } catch (IOException e) {
                    // the test closed the server
                }
            }, "silent-server");
            acceptor.start();
            PostgresConnectionSettings mute = new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:"
                    + silent.getLocalPort() + "/perf", "postgres", "secret", Duration.ofSeconds(2));
            Diagnostics diagnostics = new Diagnostics();
            long started = System.nanoTime();

            GateOutcome outcome = check("build-1", 1, spooling(mute, Duration.ofSeconds(2), diagnostics), diagnostics);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(outcome.report().verdict()).isEqualTo(Verdict.PASS);
            assertThat(texts(outcome, Diagnostic.Level.WARNING)).first().asString()
                    .startsWith("PostgreSQL at 127.0.0.1:" + silent.getLocalPort() + "/perf is unreachable: ")
                    .endsWith("; the run build-1 of shop is spooled in " + spool + " and will be written on a later"
                            + " build");
            assertThat(spooled()).hasSize(1);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void shouldRecordTheRunExactlyOnceWhenTheConnectionIsCutInTheMiddleOfAWrite() throws Exception {
        PostgresConnectionSettings database = TestPostgres.server().newDatabase();
        Diagnostics firstBuild = new Diagnostics();
        check("build-1", 1, spooling(database, Duration.ofSeconds(5), firstBuild), firstBuild);
        ExecutorService builds = Executors.newSingleThreadExecutor();
        GateOutcome cut;
        List<String> seenMidWrite;
        try (Connection admin = TestPostgres.server().connectAsSuperuser(name(database))) {
            Connection lock = TestPostgres.server().connectAsSuperuser(name(database));
            // the run's row is inserted, its series wait behind the lock: the write is half done when cut
            holdLock(lock, "perfgate_series");
            Diagnostics diagnostics = new Diagnostics();
            Future<GateOutcome> build = builds.submit(() -> check("build-2", 2,
                    spooling(database, Duration.ofSeconds(5), diagnostics), diagnostics));
            int writer = waitingBackend(admin, "INSERT INTO perfgate_series");
            try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, writer);
                terminate.execute();
            }
            seenMidWrite = rows(database, "SELECT run_id FROM perfgate_run ORDER BY run_id");
            cut = build.get(60, TimeUnit.SECONDS);
            lock.close();
        } finally {
            builds.shutdownNow();
        }

        assertThat(seenMidWrite).containsExactly("build-1");
        assertThat(cut.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(texts(cut, Diagnostic.Level.WARNING)).first().asString()
                .startsWith("PostgreSQL at " + database.target() + " is unreachable: ")
                .endsWith("; the run build-2 of shop is spooled in " + spool + " and will be written on a later build");
        assertThat(rows(database, "SELECT run_id FROM perfgate_run")).containsExactly("build-1");
        assertThat(rows(database, "SELECT count(*) FROM perfgate_series s JOIN perfgate_run r ON r.id = s.run_ref"
                + " WHERE r.run_id = 'build-2'")).containsExactly("0");
        assertThat(spooled()).hasSize(1);
        Diagnostics later = new Diagnostics();
        check("build-3", 3, spooling(database, Duration.ofSeconds(5), later), later);
        assertThat(rows(database, "SELECT run_id FROM perfgate_run ORDER BY run_id"))
                .containsExactly("build-1", "build-2", "build-3");
        assertThat(rows(database, "SELECT count(*) FROM perfgate_series s JOIN perfgate_run r ON r.id = s.run_ref"
                + " WHERE r.run_id = 'build-2'")).containsExactly(rows(database, "SELECT count(*) FROM perfgate_series"
                        + " s JOIN perfgate_run r ON r.id = s.run_ref WHERE r.run_id = 'build-1'").get(0));
    }

    // ---- text no store can keep ----------------------------------------------------------------------------

    @Test
    void shouldRecordRunsWithLoneSurrogatesAndNulsInEveryStore() throws IOException, SQLException {
        Path results = Files.writeString(project.resolve("hostile.ndjson"), """
                {"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"http_req_duration"}
                {"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-23T10:00:00Z","value":12,"tags":{"name":"a\\ud800b"}}}
                {"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-23T10:00:01Z","value":14,"tags":{"name":"c\\u0000d"}}}
                """);
        try (Stream<Path> measured = Files.walk(perf())) { // only the hostile results count
            measured.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        PostgresConnectionSettings database = TestPostgres.server().newDatabase();
        Path fileHistory = project.resolve("history");

        for (String history : List.of(fileHistory.toString(), database.jdbcUrl())) {
            GateSettings settings = GateSettings.builder().budgetFile(project.resolve("perf-budget.yaml"))
                    .resultsDirectory(perf()).resultFiles(List.of(results)).reportDirectory(perf())
                    .baseDirectory(project).history(history).historySpool(spool).project("shop")
                    .identity(IdentityOverrides.of("feature/\ud800x", null, null, "build-\u0000", null))
                    .labels(Map.of("agent", "linux\u0000\udc004")).build();
            Diagnostics diagnostics = new Diagnostics();

            GateOutcome outcome = PerfGate.run(settings, environment(1, credentials(TestPostgres.PASSWORD)),
                    diagnostics);

            assertThat(outcome.report().verdict()).as(history).isEqualTo(Verdict.PASS);
            assertThat(texts(outcome, Diagnostic.Level.WARNING)).as(history).isEmpty();
            assertThat(outcome.reportFiles()).hasSize(4);
        }

        List<RecordedRun> inFiles = fileStore(fileHistory).runs("shop", "feature/\ud800x", 5);
        assertThat(inFiles).singleElement().satisfies(recorded -> {
            RunRecord run = recorded.run();
            assertThat(run.branch()).isEqualTo("feature/?x");
            assertThat(run.runId()).isEqualTo("build-?");
            assertThat(run.labels()).containsEntry("agent", "linux??4");
            assertThat(run.series()).extracting(summary -> summary.key().toString())
                    .contains("http_req_duration{name:a?b}", "http_req_duration{name:c?d}");
        });
        assertThat(rows(database, "SELECT branch || ' ' || run_id || ' ' || labels::text FROM perfgate_run"))
                .containsExactly("feature/?x build-? {\"agent\": \"linux??4\"}");
        assertThat(rows(database, "SELECT tags::text FROM perfgate_series WHERE tags::text <> '{}' ORDER BY 1"))
                .containsExactly("{\"name\": \"a?b\"}", "{\"name\": \"c?d\"}");
    }

    // ---- a full disk ---------------------------------------------------------------------------------------

    @Test
    void shouldLoseNothingRecordedBeforeWhenTheDiskTakesNoMoreBytes() throws Exception {
        Path history = project.resolve("history");
        build(history.toString(), "build-1", 1);
        Path firstRun = runFile(history, "build-1");
        byte[] recorded = Files.readAllBytes(firstRun);
        byte[] report = Files.readAllBytes(perf().resolve("perf-report.json"));

        // 4 KiB: less than a run file (some 20 KB) and than any report but the JUnit XML
        List<String> output = buildWithFileSizeLimit(4, history, "build-2", T0.plusSeconds(2 * 60));

        assertThat(output).anySatisfy(line -> assertThat(line).startsWith("message WARNING run build-2 could not be"
                + " recorded in run history in " + history + ": cannot write run build-2 of shop to ")
                .endsWith("IOException: File too large"));
        assertThat(output).last().asString().startsWith("failed cannot write " + perf().resolve("perf-report.json"))
                .endsWith("File too large");
        assertThat(firstRun).hasBinaryContent(recorded);
        assertThat(perf().resolve("perf-report.json")).hasBinaryContent(report);
        assertThat(leftovers(history)).isEmpty();
        assertThat(leftovers(perf())).isEmpty();
        assertThat(runIds(fileStore(history))).containsExactly("build-1");

        GateOutcome retried = build(history.toString(), "build-2", 3);

        assertThat(retried.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(writtenReport(retried)).isEqualTo(T0.plusSeconds(3 * 60));
        assertThat(runIds(fileStore(history))).containsExactly("build-2", "build-1");
    }

    // ---- builds --------------------------------------------------------------------------------------------

    private Path perf() {
        return project.resolve("target/perf");
    }

    private GateOutcome build(String history, String runId, int minute) {
        return build(history, runId, minute, Map.of());
    }

    /** perf:check of shop's main branch as Maven runs it, {@code minute} minutes after {@link #T0}. */
    private GateOutcome build(String history, String runId, int minute, Map<String, String> variables) {
        GateSettings settings = GateSettings.builder().budgetFile(project.resolve("perf-budget.yaml"))
                .resultsDirectory(perf()).reportDirectory(perf()).baseDirectory(project).history(history)
                .historySpool(spool).project("shop").identity(IdentityOverrides.of("main", null, null, runId, null))
                .build();
        return PerfGate.run(settings, environment(minute, variables), new Diagnostics());
    }

    private static GateEnvironment environment(int minute, Map<String, String> variables) {
        return new GateEnvironment(variables, SecretLookup.NONE, Clock.fixed(T0.plusSeconds(60L * minute),
                ZoneOffset.UTC), OptionSpelling.KEYS);
    }

    /** A build with a store set up as the test needs it, which shares the build's messages. */
    private GateOutcome check(String runId, int minute, HistoryStore store, Diagnostics diagnostics) {
        HistoryOptions history = new HistoryOptions(store, "shop", new RunIdentity("main", "main", Optional.empty(),
                runId, Optional.empty()), HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of());
        CheckRequest request = new CheckRequest(project.resolve("perf-budget.yaml"), perf(), List.of(), perf(), true)
                .withHistory(history);
        return PerfGate.check(request, diagnostics, Clock.fixed(T0.plusSeconds(60L * minute), ZoneOffset.UTC));
    }

    private SpoolingHistoryStore spooling(PostgresConnectionSettings settings, Duration statementTimeout,
            Diagnostics diagnostics) {
        return new SpoolingHistoryStore(TestHistoryStores.postgres(settings, statementTimeout), spool, diagnostics);
    }

    private static Map<String, String> credentials(String password) {
        return Map.of("PERF_HISTORY_USER", TestPostgres.SUPERUSER, "PERF_HISTORY_PASSWORD", password);
    }

    /** Runs {@link FullDiskBuild} in a JVM that may write files of at most {@code kibibytes} KiB. */
    private List<String> buildWithFileSizeLimit(int kibibytes, Path history, String runId, Instant start)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // HotSpot ignores SIGXFSZ, so a write past the limit fails with "File too large" as on a full disk;
        // without UsePerfData the JVM writes no file of its own.
        Process process = new ProcessBuilder("bash", "-c", "ulimit -f " + kibibytes + " && exec \"$@\"", "build",
                java.toString(), "-XX:-UsePerfData", "-cp", classPath, FullDiskBuild.class.getName(),
                project.toString(), history.toString(), runId, start.toString())
                .redirectErrorStream(true).start();
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    // ---- what the builds left ------------------------------------------------------------------------------

    private static FileHistoryStore fileStore(Path history) {
        return new FileHistoryStore(history, new Diagnostics());
    }

    private static List<String> runIds(HistoryStore store) {
        return store.runs("shop", "main", 100).stream().map(recorded -> recorded.run().runId()).toList();
    }

    private static Path runFile(Path history, String runId) throws IOException {
        try (Stream<Path> files = Files.list(history.resolve("shop/runs/main"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("_" + runId + ".json")).findFirst()
                    .orElseThrow();
        }
    }

    private static Path onlySetAside(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            List<Path> aside = files.filter(candidate -> candidate.getFileName().toString()
                    .startsWith(file.getFileName() + ".corrupt-")).toList();
            assertThat(aside).hasSize(1);
            return aside.get(0);
        }
    }

    /** Temporary files a failed write could have left. */
    private static List<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".tmp-")
                    || file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private List<Path> spooled() throws IOException {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
        }
    }

    /** When the perf-report.json now in the report folder was made. */
    private static Instant writtenReport(GateOutcome outcome) {
        assertThat(outcome.reportFiles()).hasSize(4);
        return JsonReportReader.read(outcome.reportFiles().get(0)).createdAt();
    }

    private static List<String> texts(GateOutcome outcome, Diagnostic.Level level) {
        return outcome.report().messages().stream().filter(message -> message.level() == level)
                .map(Diagnostic::text).toList();
    }

    // ---- the database --------------------------------------------------------------------------------------

    private static PostgresConnectionSettings unreachable() throws IOException {
        return new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:" + TestPostgres.closedPort() + "/perf",
                "perfgate", "secret", Duration.ofSeconds(2));
    }

    private static String name(PostgresConnectionSettings database) {
        return database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
    }

    private static List<String> rows(PostgresConnectionSettings database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.server().connectAsSuperuser(name(database));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** Takes a table's strongest lock in an open transaction, until the connection ends. */
    private static void holdLock(Connection connection, String table) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE"); // a constant table name
        }
    }

    /** The backend of perfgate that waits for a lock in a statement starting with {@code statement}. */
    private static int waitingBackend(Connection admin, String statement) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (PreparedStatement select = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE"
                + " application_name = 'perfgate' AND wait_event_type = 'Lock' AND query LIKE ? || '%'")) {
            select.setString(1, statement);
            while (System.nanoTime() < deadline) {
                try (ResultSet result = select.executeQuery()) {
                    if (result.next()) {
                        return result.getInt(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no perfgate statement " + statement + " waited for a lock within 30 s");
    }
}
