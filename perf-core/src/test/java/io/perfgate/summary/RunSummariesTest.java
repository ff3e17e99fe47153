package io.perfgate.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.ingest.ResultSource;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.ResultsFingerprint;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's side: a k6 run's results from its summary when it fits, else read whole, and the same either way. */
class RunSummariesTest {

    private static final SeriesKey SLOW_OK = new SeriesKey("http_req_duration", Map.of("name", "slow",
            "status", "200"));
    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"), SLOW_OK,
            SeriesKey.of("http_req_duration", "name", "fast"), SeriesKey.of("http_req_failed", "status", "500"));
    private static final List<SeriesKey> ASKED = List.of(SLOW_OK, SeriesKey.of("http_req_failed", "status", "500"),
            SeriesKey.of("http_req_failed", "status", "404"), SeriesKey.of("http_req_duration", "name", "fast"));

    @TempDir
    Path dir;

    private Path ndjson;
    private Path summary;

    @BeforeEach
    void summariseARecordedRun() {
        ndjson = Recordings.ndjson("b_fail", dir.resolve("checkout/run.ndjson"));
        summary = ResultsFollowing.summarise(ndjson, TRACKED);
    }

    /** What the gate gets from the run's NDJSON: its fingerprint, the source and the messages. */
    private record Taken(String fingerprint, ResultSource source, List<Diagnostic> messages) {
    }

    private Taken taken(Set<SeriesKey> tracked, OptionalDouble testRunSeconds) {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(tracked, diagnostics);
        ResultSource source = RunSummaries.read(ndjson, "target/perf/checkout/run.ndjson", collector, testRunSeconds,
                ResultIngest.DEFAULT_THREADS, OptionSpelling.KEYS, diagnostics);
        return new Taken(ResultsFingerprint.of(collector.results(), ASKED), source, diagnostics.all());
    }

    private Taken readWhole(Set<SeriesKey> tracked, OptionalDouble testRunSeconds) {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(tracked, diagnostics);
        ResultSource source = ResultIngest.readFile(ndjson, "target/perf/checkout/run.ndjson", collector,
                testRunSeconds, diagnostics);
        return new Taken(ResultsFingerprint.of(collector.results(), ASKED), source, diagnostics.all());
    }

    private static List<Diagnostic> withoutFirst(List<Diagnostic> messages) {
        return messages.subList(1, messages.size());
    }

    @Test
    void shouldTakeTheResultsFromAFittingSummaryExactlyAsReadingTheFileGivesThem() {
        for (OptionalDouble testRunSeconds : List.of(OptionalDouble.empty(), OptionalDouble.of(10.02))) {
            Taken fromSummary = taken(TRACKED, testRunSeconds);
            Taken read = readWhole(TRACKED, testRunSeconds);

            assertThat(fromSummary.fingerprint()).isEqualTo(read.fingerprint());
            assertThat(fromSummary.source()).isEqualTo(read.source());
            assertThat(fromSummary.messages().get(0)).isEqualTo(new Diagnostic(Diagnostic.Level.INFO,
                    "target/perf/checkout/run.ndjson is taken from its run summary run-summary.json, which k6Run wrote"
                            + " while k6 ran"));
            assertThat(withoutFirst(fromSummary.messages())).isEqualTo(read.messages());
        }
    }

    @Test
    void shouldTellTheWarningsReadingGaveNamingTheFileAsTheGateShowsIt() throws IOException {
        String text = Files.readString(ndjson);
        int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
        // a line of another type, then the last line cut in the middle, as k6 killed while writing it leaves it
        Files.writeString(ndjson, text.substring(0, lastLine) + "{\"type\":\"Note\"}\n" + text.substring(lastLine,
                lastLine + 40));
        ResultsFollowing.summarise(ndjson, TRACKED);

        Taken fromSummary = taken(TRACKED, OptionalDouble.empty());
        Taken read = readWhole(TRACKED, OptionalDouble.empty());

        assertThat(read.messages()).extracting(Diagnostic::text).containsExactly(
                "target/perf/checkout/run.ndjson line 17379: the last line is cut off (k6 stopped while writing?); it"
                        + " was skipped, the lines before it were read",
                "target/perf/checkout/run.ndjson: skipped 1 line(s) of type 'Note'; perfgate reads the Metric and Point"
                        + " lines of k6 --out json");
        assertThat(withoutFirst(fromSummary.messages())).isEqualTo(read.messages());
        assertThat(fromSummary.fingerprint()).isEqualTo(read.fingerprint());
    }

    /** One way a summary cannot be used, and the reason the info line gives for reading the file whole. */
    private void assertReadWholeBecause(Set<SeriesKey> tracked, String reason) {
        Taken taken = taken(tracked, OptionalDouble.empty());
        Taken read = readWhole(tracked, OptionalDouble.empty());

        assertThat(taken.messages().get(0)).isEqualTo(new Diagnostic(Diagnostic.Level.INFO,
                "target/perf/checkout/run.ndjson is read whole: " + reason));
        assertThat(withoutFirst(taken.messages())).isEqualTo(read.messages());
        assertThat(taken.fingerprint()).isEqualTo(read.fingerprint());
        assertThat(taken.source()).isEqualTo(read.source());
    }

    private void editSummary(Consumer<StringBuilder> edit) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(summary, StandardCharsets.US_ASCII));
        edit.accept(text);
        Files.writeString(summary, text, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldReadTheFileWholeWhenItHasNoSummary() throws IOException {
        Files.delete(summary);

        assertReadWholeBecause(TRACKED, "there is no run summary beside it (k6Run writes run-summary.json as k6 runs)");
    }

    @Test
    void shouldReadTheFileWholeWhenItsSummaryWasEditedOrCutShort() throws IOException {
        editSummary(text -> {
            int at = text.indexOf("\"samples\":") + "\"samples\":".length();
            text.setCharAt(at, text.charAt(at) == '9' ? '8' : '9');
        });
        assertReadWholeBecause(TRACKED, "its run summary run-summary.json is cut short or was changed: its content is"
                + " not the content its checksum was made of");

        ResultsFollowing.summarise(ndjson, TRACKED);
        editSummary(text -> text.setLength(text.length() / 3));
        assertReadWholeBecause(TRACKED, "its run summary run-summary.json is cut short or was changed: its content is"
                + " not the content its checksum was made of");
    }

    @Test
    void shouldReadTheFileWholeWhenItsSummaryIsAnotherProgramsFile() throws IOException {
        Files.writeString(summary, "{\"note\": \"written by a dashboard\"}\n");

        assertReadWholeBecause(TRACKED, "its run summary run-summary.json is not a run summary: its first line is not a"
                + " run summary's header");
    }

    @Test
    void shouldReadTheFileWholeWhenAnotherPerfgateOrFormatWroteItsSummary() throws IOException {
        editSummary(text -> text.replace(text.indexOf("\"perfgate\":\""), text.indexOf("\",\"sha256\""),
                "\"perfgate\":\"0.0.9"));
        assertReadWholeBecause(TRACKED, "its run summary run-summary.json was written by perfgate 0.0.9; this is"
                + " perfgate " + PerfgateVersion.current());

        ResultsFollowing.summarise(ndjson, TRACKED);
        editSummary(text -> text.replace(0, "{\"format\":1".length(), "{\"format\":7"));
        assertReadWholeBecause(TRACKED, "its run summary run-summary.json is in run summary format 7; this perfgate ("
                + PerfgateVersion.current() + ") reads format 1");
    }

    @Test
    void shouldReadTheFileWholeWhenItChangedAfterItsSummary() throws IOException {
        long bytes = Files.size(ndjson);
        Files.writeString(ndjson, "\n", StandardOpenOption.APPEND);
        String stale = "its run summary run-summary.json is stale: it summarises " + bytes + " bytes modified at ";
        Taken taken = taken(TRACKED, OptionalDouble.empty());
        assertThat(taken.messages().get(0).text()).startsWith("target/perf/checkout/run.ndjson is read whole: " + stale)
                .contains(", the file has " + (bytes + 1) + " bytes modified at ");
        assertThat(taken.fingerprint()).isEqualTo(readWhole(TRACKED, OptionalDouble.empty()).fingerprint());

        ResultsFollowing.summarise(ndjson, TRACKED);
        Files.setLastModifiedTime(ndjson, FileTime.fromMillis(Files.getLastModifiedTime(ndjson).toMillis() - 1000));
        assertThat(taken(TRACKED, OptionalDouble.empty()).messages().get(0).text())
                .startsWith("target/perf/checkout/run.ndjson is read whole: its run summary run-summary.json is stale: "
                        + "it summarises " + (bytes + 1) + " bytes modified at ");
    }

    @Test
    void shouldReadTheFileWholeWhenTheBudgetFiltersOtherSeriesThanWhenItsSummaryWasWritten() {
        Set<SeriesKey> other = Set.of(SeriesKey.of("http_req_duration"), SeriesKey.of("checks", "check", "status 200"));

        assertReadWholeBecause(other, "its run summary run-summary.json keeps the series the budget filtered by tags"
                + " when k6 ran (http_req_duration{name:fast}, http_req_duration{name:slow,status:200},"
                + " http_req_failed{status:500}), not those it filters by now (checks{check:status 200})");
    }

    @Test
    void shouldServeABudgetThatNamesTheSameTaggedSeriesWhateverElseItNames() {
        Set<SeriesKey> more = new HashSet<>(TRACKED);
        more.add(SeriesKey.of("iterations"));

        Taken taken = taken(more, OptionalDouble.empty());

        assertThat(taken.messages().get(0).text()).contains("is taken from its run summary");
        assertThat(taken.fingerprint()).isEqualTo(readWhole(more, OptionalDouble.empty()).fingerprint());
    }
}
