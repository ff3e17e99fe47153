package io.perfgate.history;

import static io.perfgate.history.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.BadInputException;
import io.perfgate.model.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryStoreTest {

    @TempDir
    Path folder;

    @Test
    void shouldKeepEachRunInAJsonFileNamedByStartAndRunId() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
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
        FileHistoryStore store = new FileHistoryStore(folder);
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
        assertThat(new FileHistoryStore(folder).location()).isEqualTo("run history in " + folder.toAbsolutePath());
    }

    @Test
    void shouldAnswerUnavailableNamingTheFileWhenARunFileIsBroken() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = onlyRunFile();
        Files.writeString(file, "{\n  \"format\": 1,\n  \"project\": oops\n}");

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 3));

        assertThat(baseline.available()).isFalse();
        assertThat(baseline.unavailableReason().orElseThrow()).startsWith(file + " line 3, column")
                .contains("is not valid JSON");
        assertThatThrownBy(() -> store.runs("shop", "main", 3)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3");
    }

    @Test
    void shouldNameTheFieldThatIsWrong() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = onlyRunFile();
        Files.writeString(file, Files.readString(file).replace("\"count\" : 100", "\"count\" : -1"));

        assertThatThrownBy(() -> store.runs("shop", "main", 3)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'series[0].count' must be a whole number of at least 0");
    }

    @Test
    void shouldRefuseAFileOfANewerFormat() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = onlyRunFile();
        Files.writeString(file, Files.readString(file).replace("\"format\" : 1", "\"format\" : 2"));

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 3)).unavailableReason()).contains(
                file + ": is in history format 2, newer than this perfgate reads (1): use a newer perfgate");
    }

    @Test
    void shouldRefuseARunFileMovedUnderAnotherBranch() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        Path file = onlyRunFile();
        Path moved = folder.resolve("shop/runs/release").resolve(file.getFileName());
        Files.createDirectories(moved.getParent());
        Files.move(file, moved);

        assertThatThrownBy(() -> store.runs("shop", "release", 3)).isInstanceOf(BadInputException.class)
                .hasMessage(moved + ": holds run 1 of project shop, branch main,"
                        + " which does not belong under this name");
    }

    @Test
    void shouldIgnoreTemporaryFilesLeftByACrashedBuild() throws IOException {
        FileHistoryStore store = new FileHistoryStore(folder);
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
        List<RecordedRun> runs = new FileHistoryStore(root).runs("shop", "main", 1000);
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

    private Path onlyRunFile() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> runs = files.filter(file -> file.getFileName().toString().endsWith(".json")
                    && file.getParent().getParent().getFileName().toString().equals("runs")).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }
}
