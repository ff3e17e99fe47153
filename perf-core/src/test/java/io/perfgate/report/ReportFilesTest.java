package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @TempDir
    Path temp;

    @Test
    void shouldWriteTheFourReportsInUtf8() throws IOException {
        GateReport report = TestReports.realistic();
        Path folder = temp.resolve("target/perfgate");

        List<Path> written = ReportFiles.writeAll(report, folder);

        assertThat(written).containsExactly(folder.resolve("perf-report.json"), folder.resolve("perf-junit.xml"),
                folder.resolve("perf-report.md"), folder.resolve("perf-report.html"));
        for (int i = 0; i < written.size(); i++) {
            String expected = TestReports.render(ReportFiles.WRITERS.get(i), report);
            assertThat(Files.readAllBytes(written.get(i))).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldReplaceEarlierReportsAndLeaveNoTemporaryFiles() throws IOException {
        Files.writeString(temp.resolve("perf-report.md"), "an older, longer report ".repeat(10_000));

        ReportFiles.writeAll(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS), temp);

        assertThat(Files.readString(temp.resolve("perf-report.md"))).startsWith("## ✅ perfgate: 1 budget line passed");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("perf-report.json", "perf-junit.xml", "perf-report.md", "perf-report.html");
        }
    }

    @Test
    void shouldGiveReportsTheSamePermissionsAsAnyNewFile() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(temp.resolve("plain.txt"));

        List<Path> written = ReportFiles.writeAll(TestReports.realistic(), temp);

        assertThat(written).allSatisfy(report -> assertThat(Files.getPosixFilePermissions(report))
                .isEqualTo(Files.getPosixFilePermissions(plain)));
    }

    @Test
    void shouldWriteEveryReportWhenAnEndpointNameHoldsALoneSurrogate() throws IOException {
        GateReport report = TestReports.hostile("a\ud800b");

        List<Path> written = ReportFiles.writeAll(report, temp.resolve("target/perf"));

        assertThat(written).hasSize(4).allSatisfy(file -> assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .doesNotContain("\ud800"));
        assertThat(Files.readString(written.get(0), StandardCharsets.UTF_8)).contains("a?b");
    }

    @Test
    void shouldWriteAReportWithNothingInIt() throws Exception {
        GateReport empty = new GateReport(TestReports.CREATED_AT, "perf-budget.yaml", List.of(), List.of(),
                List.of(), List.of(), Verdict.PASS);

        List<Path> written = ReportFiles.writeAll(empty, temp);

        assertThat(Files.readString(written.get(0))).contains("\"lines\": [],", "\"series\": [],");
        assertThat(JunitReportWriterTest.parse(Files.readString(written.get(1))).getDocumentElement()
                .getAttribute("tests")).isEqualTo("0");
        assertThat(Files.readString(written.get(2)))
                .startsWith("## ✅ perfgate: no budget lines were evaluated\n").contains("No budget lines were evaluated.");
        HtmlReportWriterTest.assertWellNested(Files.readString(written.get(3)));
    }

    @Test
    void shouldNameTheFolderItCannotCreate() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> ReportFiles.writeAll(TestReports.realistic(), file.resolve("reports")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not-a-folder");
    }
}
