package io.perfgate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.stats.Statistic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdTest {

    static Stream<Arguments> aggregations() {
        return Stream.of(
                Arguments.of("avg<1", Statistic.AVG),
                Arguments.of("min<1", Statistic.MIN),
                Arguments.of("max<1", Statistic.MAX),
                Arguments.of("med<1", Statistic.MED),
                Arguments.of("count<1", Statistic.COUNT),
                Arguments.of("rate<1", Statistic.RATE),
                Arguments.of("value<1", Statistic.VALUE),
                Arguments.of("p(95)<1", Statistic.percentile(95)),
                Arguments.of("p(99.9)<1", Statistic.percentile(99.9)),
                Arguments.of("p(0)<1", Statistic.percentile(0)),
                Arguments.of("p(100)<1", Statistic.percentile(100)),
                Arguments.of("p(90.0)<1", Statistic.percentile(90)));
    }

    @ParameterizedTest
    @MethodSource("aggregations")
    void shouldReadEveryK6Aggregation(String expression, Statistic expected) {
        assertThat(Threshold.parse(expression).statistic()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void shouldReadEveryK6Operator(Operator operator) {
        Threshold threshold = Threshold.parse("p(95)" + operator.symbol() + "300");

        assertThat(threshold.operator()).isEqualTo(operator);
        assertThat(threshold.limit().value()).isEqualTo(300);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p(95)<300        | p(95) | <  | 300 | NONE | '' | 300",
        "' p(95) <= 300 ' | p(95) | <= | 300 | NONE | '' | 300",
        "avg>=-5          | avg   | >= | -5  | NONE | '' | -5",
        "rate !=  +0.5    | rate  | != | 0.5 | NONE | '' | +0.5",
        "med===.5         | med   | === | 0.5 | NONE | '' | .5",
        "max == 300 ms    | max   | == | 300 | TIME | ms | 300 ms",
    })
    void shouldReadTheThreePartsWithOrWithoutWhitespace(String expression, String statistic, String operator,
            double value, Limit.Dimension dimension, String unit, String limitText) {
        Threshold threshold = Threshold.parse(expression);

        assertThat(threshold.statistic()).hasToString(statistic);
        assertThat(threshold.operator().symbol()).isEqualTo(operator);
        assertThat(threshold.limit()).isEqualTo(new Limit(value, dimension, unit, limitText));
        assertThat(threshold.expression()).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p(95)<500     | 500        | NONE    | ''",
        "p(95)<500ns   | 0.0005     | TIME    | ns",
        "p(95)<250us   | 0.25       | TIME    | us",
        "p(95)<250µs   | 0.25       | TIME    | µs",
        "p(95)<300ms   | 300        | TIME    | ms",
        "p(99)<1.5s    | 1500       | TIME    | s",
        "p(99)<0.07s   | 70         | TIME    | s",
        "max<2m        | 120000     | TIME    | m",
        "max<1h        | 3600000    | TIME    | h",
        "rate<1%       | 0.01       | PERCENT | %",
        "rate<0.5%     | 0.005      | PERCENT | %",
        "avg<10B       | 10         | DATA    | B",
        "avg<2kB       | 2000       | DATA    | kB",
        "avg<1.5MB     | 1500000    | DATA    | MB",
        "count<1GB     | 1000000000 | DATA    | GB",
    })
    void shouldConvertEveryUnitToTheBaseUnitExactly(String expression, double value, Limit.Dimension dimension,
            String unit) {
        Limit limit = Threshold.parse(expression).limit();

        assertThat(limit.value()).isEqualTo(value);
        assertThat(limit.dimension()).isEqualTo(dimension);
        assertThat(limit.unit()).isEqualTo(unit);
    }

    @Test
    void shouldGiveTheLimitNumberAsWritten() {
        assertThat(Threshold.parse("p(99) < 1.50 s").limit().number()).isEqualByComparingTo("1.5");
        assertThat(Threshold.parse("rate<+1%").limit().number()).isEqualByComparingTo("1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''           | empty threshold expression; write one such as \"p(95)<300\"",
        "'   '        | empty threshold expression; write one such as \"p(95)<300\"",
        "p95<300      | unknown aggregation 'p95' in 'p95<300'; allowed: avg, min, max, med, p(N), count, rate, value (did you mean p(95)?)",
        "avgg<1       | unknown aggregation 'avgg' in 'avgg<1'; allowed: avg, min, max, med, p(N), count, rate, value",
        "AVG<1        | unknown aggregation 'AVG' in 'AVG<1'; allowed: avg, min, max, med, p(N), count, rate, value",
        "p(x)<1       | unknown aggregation 'p(x)' in 'p(x)<1'; allowed: avg, min, max, med, p(N), count, rate, value",
        "p( 95 )<1    | unknown aggregation 'p( 95 )' in 'p( 95 )<1'; allowed: avg, min, max, med, p(N), count, rate, value",
        "p(95<1       | unknown aggregation 'p(95<1' in 'p(95<1'; allowed: avg, min, max, med, p(N), count, rate, value",
        "p(101)<1     | percentile 101 in 'p(101)<1' must be within 0..100",
        "<300         | no aggregation before the operator in '<300'; allowed: avg, min, max, med, p(N), count, rate, value",
        "p(95) 300    | no operator after 'p(95)' in 'p(95) 300'; allowed: <, <=, >, >=, ==, ===, !=",
        "p(95)        | no operator after 'p(95)' in 'p(95)'; allowed: <, <=, >, >=, ==, ===, !=",
        "p(95)=<300   | unknown operator '=<' in 'p(95)=<300'; allowed: <, <=, >, >=, ==, ===, !=",
        "p(95)=300    | unknown operator '=' in 'p(95)=300'; allowed: <, <=, >, >=, ==, ===, !=",
        "p(95)<       | no limit after '<' in 'p(95)<'; write a number such as 300 or 300ms",
        "p(95)<ms     | limit 'ms' in 'p(95)<ms' is not a number",
        "p(95)<1.2.3  | limit '1.2.3' in 'p(95)<1.2.3' is not a number",
        "p(95)<3 00   | limit '3 00' in 'p(95)<3 00' is not a number",
        "count<1e400  | limit '1e400' in 'count<1e400' has an exponent; write the number in full, e.g. 1500 for 1.5e3",
        "count<2E+3   | limit '2E+3' in 'count<2E+3' has an exponent; write the number in full, e.g. 1500 for 1.5e3",
        "count<1_000  | limit '1_000' in 'count<1_000' separates digits with '_'; write them together, e.g. 1000",
        "p(95)<300sec | unknown unit 'sec' in 'p(95)<300sec'; allowed: ns, us, µs, ms, s, m, h (time), % (rates), B, kB, MB, GB (data)",
        "p(95)<300MS  | unknown unit 'MS' in 'p(95)<300MS'; allowed: ns, us, µs, ms, s, m, h (time), % (rates), B, kB, MB, GB (data)",
        "avg<2kb      | unknown unit 'kb' in 'avg<2kb'; allowed: ns, us, µs, ms, s, m, h (time), % (rates), B, kB, MB, GB (data)",
        "p(95)<300 ms ms | unknown unit 'ms ms' in 'p(95)<300 ms ms'; allowed: ns, us, µs, ms, s, m, h (time), % (rates), B, kB, MB, GB (data)",
    })
    void shouldNameTheExpressionAndWhatIsAllowedWhenItIsWrong(String expression, String message) {
        assertThatThrownBy(() -> Threshold.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void shouldRejectALimitTooLargeForADouble() {
        String huge = "9".repeat(400);

        assertThatThrownBy(() -> Threshold.parse("count<" + huge + "GB"))
                .hasMessage("limit '" + huge + "GB' in 'count<" + huge + "GB' is too large");
    }
}
