package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.budget.Severity;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);

    @Test
    void shouldWriteExactlyTheFieldsDocumentedInTheSchema() throws IOException {
        Map<String, String> documented = documentedFields();
        Map<String, List<JsonNode>> written = fields(parse(TestReports.realistic()), documented);

        assertThat(new TreeSet<>(written.keySet())).isEqualTo(new TreeSet<>(documented.keySet()));
        written.forEach((path, values) -> values.forEach(value ->
                assertThat(hasType(value, documented.get(path)))
                        .as("%s = %s should be %s", path, value, documented.get(path)).isTrue()));
    }

    @Test
    void shouldDocumentAnExampleThatFollowsTheSchema() throws IOException {
        Map<String, String> documented = documentedFields();
        String doc = Files.readString(schemaDocument(), StandardCharsets.UTF_8);
        int start = doc.indexOf("```json\n") + "```json\n".length();
        JsonNode example = MAPPER.readTree(doc.substring(start, doc.indexOf("\n```", start)));

        Map<String, List<JsonNode>> fields = fields(example, documented);

        assertThat(new TreeSet<>(fields.keySet())).isEqualTo(new TreeSet<>(documented.keySet()));
        fields.forEach((path, values) -> values.forEach(value ->
                assertThat(hasType(value, documented.get(path))).as("example %s = %s", path, value).isTrue()));
        assertThat(example.get("schemaVersion").asInt()).isEqualTo(GateReport.SCHEMA_VERSION);
    }

    @Test
    void shouldWriteVersionVerdictAndCounts() throws IOException {
        JsonNode json = parse(TestReports.realistic());

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(GateReport.SCHEMA_VERSION);
        assertThat(json.get("tool").asText()).isEqualTo("perfgate");
        assertThat(json.get("createdAt").asText()).isEqualTo("2025-06-02T09:30:00Z");
        assertThat(json.get("verdict").asText()).isEqualTo("error");
        assertThat(json.get("counts").toString()).isEqualTo("{\"pass\":4,\"warn\":1,\"fail\":4,\"error\":1}");
        assertThat(json.get("lines")).hasSize(10);
        assertThat(json.get("series")).hasSize(8);
    }

    @Test
    void shouldWriteUnknownValuesAsNullNeverZero() throws IOException {
        JsonNode json = parse(TestReports.realistic());

        JsonNode undecided = json.get("lines").get(4);
        assertThat(undecided.get("verdict").asText()).isEqualTo("error");
        assertThat(undecided.get("observed").isNull()).isTrue();
        JsonNode overall = json.get("series").get(0);
        assertThat(overall.get("p99").isNull()).isTrue();
        assertThat(overall.get("p95").asDouble()).isEqualTo(69.27);
        JsonNode search = json.get("series").get(2);
        assertThat(search.get("errorRate").isNumber()).as("a known zero stays a number").isTrue();
        assertThat(search.get("errorRate").asDouble()).isZero();
    }

    @Test
    void shouldWriteLimitInBaseUnitWithTheUnitAsWritten() throws IOException {
        JsonNode failed = parse(TestReports.realistic()).get("lines").get(3);

        assertThat(failed.get("limit").get("value").asDouble()).isEqualTo(0.01);
        assertThat(failed.get("limit").get("unit").asText()).isEqualTo("%");
        assertThat(failed.get("limit").get("text").asText()).isEqualTo("1%");
        assertThat(failed.get("observed").asDouble()).isEqualTo(0.0536);
        assertThat(failed.get("tags").size()).isZero();
        assertThat(parse(TestReports.realistic()).get("lines").get(1).get("tags").get("name").asText())
                .isEqualTo("checkout");
    }

    @Test
    void shouldWriteUnknownLocationLineAndColumnAsNull() throws IOException {
        ThresholdLine line = (ThresholdLine) TestReports.realistic().lines().get(0).line();
        ThresholdLine whole = new ThresholdLine(line.series(), line.threshold(), Severity.FAIL, "",
                SourceLocation.ofFile("perf-budget.json"));
        GateReport report = new GateReport(TestReports.CREATED_AT, "perf-budget.json", List.of(),
                List.of(new LineResult(whole, OptionalDouble.of(Double.NaN), Verdict.ERROR, "no value", "", "< 300ms")),
                List.of(), List.of(), Verdict.ERROR);

        JsonNode written = parse(report).get("lines").get(0);

        assertThat(written.get("location").get("file").asText()).isEqualTo("perf-budget.json");
        assertThat(written.get("location").get("line").isNull()).isTrue();
        assertThat(written.get("location").get("column").isNull()).isTrue();
        assertThat(written.get("observed").isNull()).as("NaN is no JSON number").isTrue();
    }

    @Test
    void shouldEscapeMarkupAndQuotesYetRoundTripEveryString() throws IOException {
        String payload = "<script>alert(1)</script>\"'&";
        GateReport report = TestReports.hostile(payload);

        String text = TestReports.render(new JsonReportWriter(), report);
        JsonNode json = MAPPER.readTree(text);

        assertThat(text).doesNotContain("<", ">", "'", "&").contains("\\u003Cscript\\u003E", "\\\"");
        assertThat(json.get("budgetFile").asText()).isEqualTo("budget" + payload);
        JsonNode line = json.get("lines").get(0);
        assertThat(line.get("series").asText()).isEqualTo(report.lines().get(0).line().subject());
        assertThat(line.get("tags").get("name" + payload).asText()).isEqualTo(payload);
        assertThat(line.get("expression").asText()).isEqualTo("p(95)<" + payload);
        assertThat(line.get("description").asText()).isEqualTo("description " + payload);
        assertThat(line.get("sentence").asText()).isEqualTo("sentence " + payload);
        assertThat(line.get("limit").get("text").asText()).isEqualTo("300" + payload);
        assertThat(json.get("messages").get(0).get("text").asText()).isEqualTo("error " + payload);
        assertThat(json.get("sources").get(0).get("path").asText()).isEqualTo("file" + payload);
    }

    @Test
    void shouldWriteTrendsOldestFirstWithUnknownsAsNull() throws IOException {
        JsonNode trends = parse(TestReports.realistic()).get("trends");

        assertThat(trends).hasSize(2);
        JsonNode latency = trends.get(0);
        assertThat(latency.get("series").asText()).isEqualTo("http_req_duration");
        assertThat(latency.get("statistic").asText()).isEqualTo("p(95)");
        assertThat(latency.get("contents").asText()).isEqualTo("time");
        assertThat(latency.get("limits").get(0).toString())
                .isEqualTo("{\"expression\":\"p(95)<500ms\",\"value\":500.0,\"unit\":\"ms\"}");
        JsonNode points = latency.get("points");
        assertThat(points).hasSize(30);
        assertThat(points.get(0).get("runId").asText()).isEqualTo("1201");
        assertThat(points.get(29).get("runId").asText()).isEqualTo("1230");
        assertThat(points.get(0).get("commit").asText()).isEqualTo(TestReports.commit(0));
        assertThat(points.get(3).get("commit").isNull()).isTrue();
        assertThat(points.get(0).get("buildUrl").asText()).isEqualTo("https://ci.example/job/shop/1201/");
        assertThat(points.get(0).get("startedAt").asText()).isEqualTo("2025-05-04T09:30:00Z");
        assertThat(points.get(11).get("value").isNull()).as("a run without a value").isTrue();
        assertThat(points.get(11).get("verdict").isNull()).isTrue();
        assertThat(points.get(11).get("runVerdict").asText()).isEqualTo("error");
        assertThat(points.get(7).get("flagReason").asText()).isEqualTo("noisy agent");
        assertThat(points.get(8).get("flagReason").isNull()).isTrue();
        assertThat(points.get(15).get("pinned").asBoolean()).isTrue();
        assertThat(points.get(16).get("pinned").asBoolean()).isFalse();
        JsonNode change = latency.get("changePoints").get(0);
        assertThat(change.get("index").asInt()).isEqualTo(18);
        assertThat(change.get("runId").asText()).isEqualTo("1219");
        assertThat(change.get("change").asDouble())
                .isCloseTo(change.get("meanAfter").asDouble() / change.get("meanBefore").asDouble() - 1,
                        org.assertj.core.data.Offset.offset(1e-12));
        assertThat(change.get("pValue").asDouble()).isEqualTo(0.002);
        assertThat(trends.get(1).get("changePoints")).isEmpty();
    }

    @Test
    void shouldWriteNoTrendsWithoutHistory() throws IOException {
        JsonNode json = parse(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS));

        assertThat(json.get("trends").isArray()).isTrue();
        assertThat(json.get("trends")).isEmpty();
    }

    @Test
    void shouldWriteTheDatabaseSectionWithBothRankings() throws IOException {
        JsonNode database = parse(TestReports.realistic()).get("database");

        assertThat(database.get("address").asText()).isEqualTo("db.test:5432/shop");
        assertThat(database.get("from").asText()).isEqualTo("2025-06-02T09:24:41.118Z");
        assertThat(database.get("to").asText()).isEqualTo("2025-06-02T09:29:52.904Z");
        assertThat(database.get("statementCount").asInt()).isEqualTo(12);
        assertThat(database.get("calls").asLong()).isEqualTo(30_825);
        assertThat(database.get("totalTime").asDouble()).isCloseTo(2412.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(database.get("requests").asLong()).isEqualTo(1212);
        JsonNode nPlusOne = database.get("byTotalTime").get(0);
        assertThat(nPlusOne.get("queryId").isTextual()).as("64 bits do not fit a JavaScript number").isTrue();
        assertThat(nPlusOne.get("queryId").asText()).isEqualTo("-6917402351266385121");
        assertThat(nPlusOne.get("user").asText()).isEqualTo("shop_app");
        assertThat(nPlusOne.get("query").asText())
                .isEqualTo("SELECT id, room, nights, price FROM bookings WHERE guest_id = $1");
        assertThat(nPlusOne.get("calls").asLong()).isEqualTo(24_240);
        assertThat(nPlusOne.get("callsPerRequest").asDouble()).isEqualTo(20.0);
        assertThat(nPlusOne.get("meanTime").asDouble()).isCloseTo(998.7 / 24_240, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(nPlusOne.get("totalTime").asDouble()).isEqualTo(998.7);
        assertThat(nPlusOne.get("rows").asLong()).isEqualTo(24_240);
        assertThat(database.get("byTotalTime")).hasSize(DatabaseSection.TOP);
        JsonNode slowest = database.get("byMeanTime").get(0);
        assertThat(slowest.get("query").asText()).as("the whole text, line breaks kept")
                .isEqualTo(TestReports.REVENUE_QUERY).contains("\n  FROM rooms r\n");
        assertThat(database.get("notes").get(0).get("text").asText()).isEqualTo(TestReports.EVICTED_NOTE);
    }

    @Test
    void shouldWriteNullForAMissingDatabaseSectionAndForCountsTheResultsDoNotHave() throws IOException {
        assertThat(parse(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS)).get("database").isNull()).isTrue();

        DatabaseStatementRow unknown = new DatabaseStatementRow(7, "", "", 4, OptionalDouble.empty(), 0.5, 2, 0);
        DatabaseSection section = new DatabaseSection("db:5432/shop", TestReports.CREATED_AT.minusSeconds(60),
                TestReports.CREATED_AT, 1, 4, 2, OptionalLong.empty(), List.of(unknown), List.of(unknown), List.of());
        JsonNode database = parse(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS)
                .withDatabase(Optional.of(section))).get("database");

        assertThat(database.get("requests").isNull()).isTrue();
        JsonNode row = database.get("byTotalTime").get(0);
        assertThat(row.get("callsPerRequest").isNull()).as("no requests counted, not 0 per request").isTrue();
        assertThat(row.get("user").isNull()).isTrue();
        assertThat(row.get("query").asText()).isEmpty();
        assertThat(database.get("notes")).isEmpty();
    }

    @Test
    void shouldNotCloseTheCallersWriter() throws IOException {
        ClosingCheckWriter out = new ClosingCheckWriter();

        new JsonReportWriter().write(TestReports.realistic(), out);

        assertThat(out.closed).isFalse();
        assertThat(out.toString()).endsWith("}\n");
    }

    private static JsonNode parse(GateReport report) throws IOException {
        return MAPPER.readTree(TestReports.render(new JsonReportWriter(), report));
    }

    /** Field path to documented type, from the tables of {@code docs/report-schema.md}. */
    static Map<String, String> documentedFields() throws IOException {
        String doc = Files.readString(schemaDocument(), StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher row = FIELD_ROW.matcher(doc);
        while (row.find()) {
            assertThat(fields.put(row.group(1), row.group(2).strip())).as("documented twice: " + row.group(1))
                    .isNull();
        }
        assertThat(fields).as("field tables in " + schemaDocument()).hasSizeGreaterThan(40);
        return fields;
    }

    static Path schemaDocument() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return module.getParent().resolve("docs").resolve("report-schema.md");
    }

    /** Every field path with the values found there; a documented map is not looked into. */
    private static Map<String, List<JsonNode>> fields(JsonNode root, Map<String, String> documented) {
        Map<String, List<JsonNode>> found = new TreeMap<>();
        collect(root, "", documented, found);
        return found;
    }

    private static void collect(JsonNode node, String path, Map<String, String> documented,
            Map<String, List<JsonNode>> found) {
        if (!path.isEmpty()) {
            found.computeIfAbsent(path, key -> new ArrayList<>()).add(node);
        }
        if (node.isObject() && !"map of string".equals(documented.get(path))) {
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                collect(child.getValue(), path.isEmpty() ? child.getKey() : path + "." + child.getKey(), documented,
                        found);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectElement(element, path + "[]", documented, found));
        }
    }

    /** Array elements are objects whose fields are documented as {@code name[].field}. */
    private static void collectElement(JsonNode element, String path, Map<String, String> documented,
            Map<String, List<JsonNode>> found) {
        assertThat(element.isObject()).as(path + " holds objects").isTrue();
        for (Map.Entry<String, JsonNode> child : element.properties()) {
            collect(child.getValue(), path + "." + child.getKey(), documented, found);
        }
    }

    private static boolean hasType(JsonNode value, String documentedType) {
        if (documentedType == null) {
            return false;
        }
        boolean nullable = documentedType.endsWith(" or null");
        String type = nullable ? documentedType.substring(0, documentedType.length() - " or null".length())
                : documentedType;
        if (value.isNull()) {
            return nullable;
        }
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "map of string" -> value.isObject() && allTextual(value);
            default -> throw new AssertionError("unknown documented type '" + documentedType + "'");
        };
    }

    private static boolean allTextual(JsonNode object) {
        for (JsonNode value : object) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Records whether the writer closed it. */
    private static final class ClosingCheckWriter extends java.io.StringWriter {
        private boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
