package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.model.GateReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report of {@link TestReports#realistic()} compared byte for byte with a file under
 * {@code src/test/resources/golden}. After an intended change of output, regenerate them with
 * {@code ./mvnw -f perf-core/pom.xml test -Dtest=ReportGoldenTest -Dgolden.update=true}
 * and review the diff.
 */
class ReportGoldenTest {

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of(JsonReportWriter.FILE_NAME, writer(new JsonReportWriter())),
                Arguments.of(JunitReportWriter.FILE_NAME, writer(new JunitReportWriter())),
                Arguments.of(MarkdownReportWriter.FILE_NAME, writer(new MarkdownReportWriter())),
                Arguments.of(HtmlReportWriter.FILE_NAME, writer(new HtmlReportWriter())),
                Arguments.of("verdict-table.txt", (Function<GateReport, String>) VerdictTable::render));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void shouldRenderTheRealisticReportExactlyAsTheGoldenFile(String file, Function<GateReport, String> render)
            throws IOException {
        String actual = render.apply(TestReports.realistic());
        Path golden = goldenFolder().resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static Function<GateReport, String> writer(ReportWriter writer) {
        return report -> TestReports.render(writer, report);
    }

    static Path goldenFolder() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/resources/golden");
    }
}
