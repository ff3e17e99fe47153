package io.perfgate.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.perfgate.report.HtmlSafeEscapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The trend of a job's builds as a chart model, independent of any chart library: the builds along the
 * x axis, oldest first, and one line per statistic the newest budget watches.
 *
 * @param builds     the build numbers, oldest first
 * @param buildNames the builds' names, e.g. {@code #1234}, aligned with {@code builds}
 * @param lines      the lines, in the order of the newest budget
 */
public record BuildTrendChart(List<Integer> builds, List<String> buildNames, List<TrendLine> lines) {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new HtmlSafeEscapes(true))
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    public BuildTrendChart {
        builds = List.copyOf(builds);
        buildNames = List.copyOf(buildNames);
        lines = List.copyOf(lines);
        if (buildNames.size() != builds.size()) {
            throw new IllegalArgumentException(buildNames.size() + " build names for " + builds.size() + " builds");
        }
        for (TrendLine line : lines) {
            if (line.values().size() != builds.size()) {
                throw new IllegalArgumentException(line.values().size() + " values of " + line.name() + " for "
                        + builds.size() + " builds");
            }
        }
    }

    /**
     * The chart as JSON, fields in a fixed order, so that a server can pass it to the page as it is:
     * <pre>
     * {"builds": [41, 42], "buildNames": ["#41", "#42"], "lines": [{"name": "...", "unit": "ms",
     *  "values": [612.4, null], "limits": [{"expression": "p(95)&lt;500ms", "value": 500.0}],
     *  "changePointBuilds": []}]}
     * </pre>
     * {@code <}, {@code >}, {@code &}, {@code '} and the line separators U+2028 and U+2029 are written as
     * {@code \}{@code u} escapes, so the JSON can also be put inside a page's {@code <script>}.
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart("builds");
            for (int build : builds) {
                json.writeNumber(build);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("buildNames");
            for (String name : buildNames) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("lines");
            for (TrendLine line : lines) {
                writeLine(json, line);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void writeLine(JsonGenerator json, TrendLine line) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", line.name());
        json.writeStringField("unit", line.unit());
        json.writeArrayFieldStart("values");
        for (Double value : line.values()) {
            if (value == null) {
                json.writeNull();
            } else {
                json.writeNumber(value);
            }
        }
        json.writeEndArray();
        json.writeArrayFieldStart("limits");
        for (TrendLimitLine limit : line.limits()) {
            json.writeStartObject();
            json.writeStringField("expression", limit.expression());
            json.writeNumberField("value", limit.value());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("changePointBuilds");
        for (int build : line.changePointBuilds()) {
            json.writeNumber(build);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Objects a field per line, arrays on one line: 50 values stay readable in a diff. */
    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    }

}
