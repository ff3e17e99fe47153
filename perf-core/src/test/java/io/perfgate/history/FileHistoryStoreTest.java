package io.perfgate.history;

import static io.perfgate.history.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.model.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryStoreTest {

    @TempDir
    Path folder;

    @Test
    void shouldKeepEachRunInAJsonFileNamedByStartAndRunId() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder, new Diagnostics());
        store.record(Runs.builder("group:shop", "feature/Login", "build 1", 0, Verdict.PASS).commit("abc")
                .label("agent", "linux-4").build());

        Path file = folder.resolve("group%3Ashop/runs/feature%2F%4Cogin/20250301T120000.000000Z_build%201.json");
        assertThat(file).isRegularFile();
        assertThat(store.projectFolder("group:shop")).isEqualTo(folder.resolve("group%3Ashop"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("format").intValue()).isEqualTo(1);
        assertThat(json.get("project").textValue()).isEqualTo("group:shop");
        assertThat(json.get("branch").textValue()).isEqualTo("feature/Login");
        assertThat(json.get("commit").textValue()).isEqualTo("abc");
        assertThat(json.get("runId").textValue()).isEqualTo("build 1");
        assertThat(json.get("buildUrl").isNull()).isTrue();
        assertThat(json.get("startedAt").textValue()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(json.get("labels").get("agent").textValue()).isEqualTo("linux-4");
        assertThat(json.get("verdict").textValue()).isEqualTo("PASS");
        JsonNode series = json.get("series").get(0);
        assertThat(series.get("metric").textValue()).isEqualTo("http_req_duration");
        assertThat(series.get("tags").get("name").textValue()).isEqualTo("checkout");
        assertThat(series.get("contents").textValue()).isEqualTo("time");
        assertThat(series.get("count").longValue()).isEqualTo(100);
        assertThat(series.get("p95").doubleValue()).isEqualTo(35.0);
        assertThat(series.get("p99").isNull()).isTrue();
        assertThat(json.get("lines").isArray()).isTrue();
    }

    @Test
    void shouldKeepPinsAndFlagsInTheMarksFile() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder, new Diagnostics());
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        store.record(run("shop", "main", "2", 1, Verdict.PASS));
        store.pin("shop", "main", "1");
        store.flag("shop", "2", "noisy agent");

        JsonNode marks = new ObjectMapper().readTree(folder.resolve("shop/marks.json").toFile());
        assertThat(marks.get("format").intValue()).isEqualTo(1);
        assertThat(marks.get("pins").get("main").textValue()).isEqualTo("1");
        assertThat(marks.get("flags").get("2").textValue()).isEqualTo("noisy agent");
    }

    @Test
    void shouldLiveInThePerfgateFolderOfTheUserHomeByDefault() {
        assertThat(FileHistoryStore.defaultRoot())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".perfgate", "history"));
        assertThat(new FileHistoryStore(folder, new Diagnostics()).location()).isEqualTo("run history in " + folder.toAbsolutePath());
    }

    @Test
    void shouldSetACutShortRunFileAsideWithOneWarningAndGoOnWithTheOtherRuns() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord first = run("shop", "main", "1", 0, Verdict.PASS);
        RunRecord second = run("shop", "main", "2", 1, Verdict.PASS);
        store.record(first);
        store.record(second);
        Path file = runFile("2");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 300); // head -c 300 run.json > run.json
        Files.write(file, cut);

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 3));
        List<RecordedRun> runs = store.runs("shop", "main", 3);

        assertThat(baseline.runs()).containsExactly(first);
        assertThat(runs).extracting(RecordedRun::run).containsExactly(first);
        Path aside = onlySetAside(file);
        assertThat(file).doesNotExist();
        assertThat(aside).hasBinaryContent(cut);
        assertThat(diagnostics.all()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(message.text()).startsWith(file + " line ").contains("is not valid JSON")
                    .endsWith(". The file is set aside as " + aside.getFileName() + " in " + aside.getParent()
                            + ", and the history goes on without it");
        });
    }

    @Test
    void shouldRecordARetriedRunAnewWhenItsOwnFileIsCorrupt() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord run = run("shop", "main", "1", 0, Verdict.PASS);
        store.record(run);
        Path file = runFile("1");
        Files.writeString(file, "{\"format\": 1, \"project\": \"sh");

        assertThat(store.record(run)).isEqualTo(RecordOutcome.STORED);
        assertThat(store.record(run)).isEqualTo(RecordOutcome.ALREADY_STORED);

        assertThat(store.runs("shop", "main", 5)).extracting(RecordedRun::run).containsExactly(run);
        assertThat(onlySetAside(file)).hasContent("{\"format\": 1, \"project\": \"sh");
        assertThat(diagnostics.all()).singleElement().extracting(Diagnostic::text).asString()
                .endsWith(", and the run is recorded anew");
    }

    @Test
    void shouldSetAsideAFileThatNamesTheFieldThatIsWrong() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = runFile("1");
        Files.writeString(file, Files.readString(file).replace("\"count\" : 100", "\"count\" : -1"));

        assertThat(store.runs("shop", "main", 3)).isEmpty();
        assertThat(diagnostics.all()).singleElement().extracting(Diagnostic::text).asString()
                .startsWith(file + ": field 'series[0].count' must be a whole number of at least 0. The file is set"
                        + " aside as ");
    }

    @Test
    void shouldLeaveAFileOfANewerFormatAsItIsAndSkipIt() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord first = run("shop", "main", "1", 0, Verdict.PASS);
        store.record(first);
        store.record(run("shop", "main", "2", 1, Verdict.PASS));
        Path file = runFile("2");
        String newer = Files.readString(file).replace("\"format\" : 1", "\"format\" : 2");
        Files.writeString(file, newer);

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 3)).runs()).containsExactly(first);
        assertThat(store.runs("shop", "main", 3)).extracting(RecordedRun::run).containsExactly(first);
        assertThat(store.record(run("shop", "main", "2", 5, Verdict.FAIL))).isEqualTo(RecordOutcome.ALREADY_STORED);

        assertThat(file).hasContent(newer);
        assertThat(diagnostics.all()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(message.text()).isEqualTo(file + ": is in history format 2, newer than this perfgate reads"
                    + " (1): use a newer perfgate. A newer perfgate wrote it, so it is left as it is and skipped");
        });
    }

    @Test
    void shouldSkipARunFileMovedUnderAnotherBranchLeavingItThere() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = runFile("1");
        Path moved = folder.resolve("shop/runs/release").resolve(file.getFileName());
        Files.createDirectories(moved.getParent());
        Files.move(file, moved);

        assertThat(store.runs("shop", "release", 3)).isEmpty();
        assertThat(store.runs("shop", "release", 3)).isEmpty();

        assertThat(moved).isRegularFile();
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(moved + ": holds run 1 of project"
                + " shop, branch main, which does not belong under this name: it is left as it is and skipped");
    }

    @Test
    void shouldReadNoFileThatIsNotNamedAsARunAndTouchNone() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord run = run("shop", "main", "1", 0, Verdict.PASS);
        store.record(run);
        Path branch = runFile("1").getParent();
        Path notes = Files.writeString(branch.resolve("notes.txt"), "the agent was noisy on Monday");
        Path otherJson = Files.writeString(branch.resolve("dashboard.json"), "{\"panels\": []}");
        Path folderLikeARun = Files.createDirectories(branch.resolve("20990101T000000.000000Z_x.d"));

        assertThat(store.runs("shop", "main", 5)).extracting(RecordedRun::run).containsExactly(run);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(run);

        assertThat(notes).hasContent("the agent was noisy on Monday");
        assertThat(otherJson).hasContent("{\"panels\": []}");
        assertThat(folderLikeARun).isDirectory();
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void shouldSetACorruptMarksFileAsideAndGoOnWithoutItsPinsAndFlags() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord first = run("shop", "main", "1", 0, Verdict.PASS);
        RunRecord second = run("shop", "main", "2", 1, Verdict.PASS);
        store.record(first);
        store.record(second);
        store.flag("shop", "2", "noisy agent");
        Path marks = folder.resolve("shop/marks.json");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(marks), 30);
        Files.write(marks, cut);

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(second, first);

        Path aside = onlySetAside(marks);
        assertThat(aside).hasBinaryContent(cut);
        assertThat(marks).doesNotExist();
        assertThat(diagnostics.all()).singleElement().extracting(Diagnostic::text).asString()
                .startsWith(marks + " line ").endsWith(", and its pins and flags no longer apply: repair it and"
                        + " rename it back to marks.json, or pin and flag the runs again");

        store.flag("shop", "2", "noisy agent");
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(first);
    }

    @Test
    void shouldNeverOverwriteAMarksFileOfANewerFormat() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord first = run("shop", "main", "1", 0, Verdict.PASS);
        store.record(first);
        Path marks = Files.writeString(folder.resolve("shop/marks.json"),
                "{\"format\": 2, \"pins\": {}, \"flags\": {}, \"notes\": {}}");

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(first);
        assertThatThrownBy(() -> store.flag("shop", "1", "noisy")).isInstanceOf(HistoryException.class)
                .hasMessageContaining(marks + ": is in history format 2, newer than this perfgate reads (1)");

        assertThat(marks).hasContent("{\"format\": 2, \"pins\": {}, \"flags\": {}, \"notes\": {}}");
        assertThat(diagnostics.all()).singleElement().extracting(Diagnostic::text).asString()
                .endsWith("A newer perfgate wrote it, so it is left as it is and its pins and flags are not used");
    }

    @Test
    void shouldGoOnWithTheRecentRunsWhenThePinnedRunIsGone() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        FileHistoryStore store = new FileHistoryStore(folder, diagnostics);
        RunRecord first = run("shop", "main", "1", 0, Verdict.PASS);
        RunRecord second = run("shop", "main", "2", 1, Verdict.PASS);
        store.record(first);
        store.record(second);
        store.pin("shop", "main", "1");
        Files.writeString(runFile("1"), "");

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));

        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(baseline.runs()).containsExactly(second);
        assertThat(diagnostics.all()).extracting(Diagnostic::text).hasSize(2).last().isEqualTo("the pinned run 1 of"
                + " branch main of shop cannot be read (see above): the pin is not used, the baseline is the branch's"
                + " recent runs until the run is restored or another run is pinned");
    }

    @Test
    void shouldIgnoreTemporaryFilesLeftByACrashedBuild() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder, new Diagnostics());
        RunRecord run = run("shop", "main", "1", 0, Verdict.PASS);
        store.record(run);
        Files.writeString(onlyRunFile().resolveSibling(".tmp-3f2a"), "{\"form");

        assertThat(store.runs("shop", "main", 5)).extracting(RecordedRun::run).containsExactly(run);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(run);
    }

    @Test
    void shouldStoreEveryRunOnceWhenTwoProcessesRecordAtOnce() throws Exception {
        Path root = folder.resolve("history");
        Path go = folder.resolve("go");
        // Both walk the same run ids at the same time, each with its own start times, so they race on every id.
        List<Process> processes = List.of(writer(root, go, 0, 100, 1), writer(root, go, 0, 100, 2));
        List<BufferedReader> outputs = new ArrayList<>();
        for (Process process : processes) {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            outputs.add(output);
        }
        Files.createFile(go);

        int stored = 0;
        int already = 0;
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            String summary = outputs.get(i).readLine();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
            String[] words = summary.split(" ");
            stored += Integer.parseInt(words[1]);
            already += Integer.parseInt(words[3]);
        }

        assertThat(stored).isEqualTo(100);
        assertThat(already).isEqualTo(100);
        List<RecordedRun> runs = new FileHistoryStore(root, new Diagnostics()).runs("shop", "main", 1000);
        Set<String> ids = new HashSet<>();
        runs.forEach(recorded -> ids.add(recorded.run().runId()));
        assertThat(runs).hasSize(100);
        assertThat(ids).hasSize(100);
        try (Stream<Path> files = Files.list(root.resolve("shop/runs/main"))) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".json"))).hasSize(100);
        }
    }

    private static Process writer(Path root, Path go, int first, int count, int offset) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", classPath, FileStoreWriter.class.getName(), root.toString(),
                go.toString(), Integer.toString(first), Integer.toString(count), Integer.toString(offset)).start();
    }

    /** The file of run {@code runId} of shop's main branch. */
    private Path runFile(String runId) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("shop/runs/main"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("_" + runId + ".json")).findFirst()
                    .orElseThrow();
        }
    }

    /** The one file {@code file} was set aside as. */
    private static Path onlySetAside(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            List<Path> aside = files.filter(candidate -> candidate.getFileName().toString()
                    .matches(Pattern.quote(file.getFileName() + ".corrupt-") + "\\d{8}T\\d{6}Z")).toList();
            assertThat(aside).hasSize(1);
            return aside.get(0);
        }
    }

    private Path onlyRunFile() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> runs = files.filter(file -> file.getFileName().toString().endsWith(".json")
                    && file.getParent().getParent().getFileName().toString().equals("runs")).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }
}
