package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.LimitUnit;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LineSentenceTest {

    private static ThresholdLine line(String selector, String expression) {
        return new ThresholdLine(SeriesKey.parse(selector), Threshold.parse(expression), Severity.FAIL, "",
                new SourceLocation("perf-budget.yaml", 4, 7));
    }

    @ParameterizedTest(name = "{7}")
    @CsvSource(delimiter = '|', value = {
        // trend of times: a bare limit is milliseconds, a written unit is kept
        "http_req_duration{name:checkout} | TREND   | TIME    | p(95)<500     | 612        | false | http_req_duration{name:checkout} p(95) is 612 ms, but the budget is < 500 ms",
        "http_req_duration{name:checkout} | TREND   | TIME    | p(95)<500     | 412        | true  | http_req_duration{name:checkout} p(95) is 412 ms, within the budget of < 500 ms",
        "http_req_duration                | TREND   | TIME    | p(95)<500     | 1234.5678  | false | http_req_duration p(95) is 1235 ms, but the budget is < 500 ms",
        "http_req_duration                | TREND   | TIME    | p(95)<500     | 0.0123     | true  | http_req_duration p(95) is 0.0123 ms, within the budget of < 500 ms",
        "http_req_duration                | TREND   | TIME    | p(99)<1.5s    | 1234       | true  | http_req_duration p(99) is 1.234 s, within the budget of < 1.5 s",
        "http_req_duration                | TREND   | TIME    | p(99) < 1.50s | 1612.4     | false | http_req_duration p(99) is 1.612 s, but the budget is < 1.5 s",
        "http_req_duration                | TREND   | TIME    | avg<300us     | 0.25       | true  | http_req_duration avg is 250 us, within the budget of < 300 us",
        "http_req_duration                | TREND   | TIME    | max<2m        | 150000     | false | http_req_duration max is 2.5 m, but the budget is < 2 m",
        "login_duration                   | TREND   | TIME    | med>=+5       | 3.611882   | false | login_duration med is 3.612 ms, but the budget is >= 5 ms",
        // a value a hundredth of the limit's unit or less is shown in a unit that suits it
        "http_req_duration                | TREND   | TIME    | p(99)<1.5s    | 4.193      | true  | http_req_duration p(99) is 4.193 ms, within the budget of < 1.5 s",
        "http_req_duration                | TREND   | TIME    | p(99)<1.5s    | 850        | true  | http_req_duration p(99) is 0.85 s, within the budget of < 1.5 s",
        "http_req_duration                | TREND   | TIME    | p(95)<500     | 0.004      | true  | http_req_duration p(95) is 4 µs, within the budget of < 500 ms",
        "response_size                    | TREND   | DATA    | p(95)<1MB     | 532        | true  | response_size p(95) is 532 B, within the budget of < 1 MB",
        "data_sent                        | COUNTER | DATA    | rate<1MB      | 2345       | true  | data_sent rate is 2.345 kB/s, within the budget of < 1 MB/s",
        // trend of plain numbers and of data
        "body_size_bytes                  | TREND   | DEFAULT | avg<10        | 32.8338834 | false | body_size_bytes avg is 32.83, but the budget is < 10",
        "response_size                    | TREND   | DATA    | p(95)<2kB     | 2345       | false | response_size p(95) is 2.345 kB, but the budget is < 2 kB",
        "response_size                    | TREND   | DATA    | p(95)<2000    | 2345       | false | response_size p(95) is 2345 B, but the budget is < 2000 B",
        // rate: a fraction, or a percentage when written with %
        "http_req_failed                  | RATE    | DEFAULT | rate<0.01     | 0.05363036 | false | http_req_failed rate is 0.05363, but the budget is < 0.01",
        "http_req_failed                  | RATE    | DEFAULT | rate<1%       | 0.05363036 | false | http_req_failed rate is 5.363%, but the budget is < 1%",
        "http_req_failed                  | RATE    | DEFAULT | rate<1%       | 0.0033     | true  | http_req_failed rate is 0.33%, within the budget of < 1%",
        "checks                           | RATE    | DEFAULT | rate>0.99     | 0.99570957 | true  | checks rate is 0.9957, within the budget of > 0.99",
        // counter: count is a number, rate is per second
        "http_reqs                        | COUNTER | DEFAULT | rate>200      | 119.385643 | false | http_reqs rate is 119.4/s, but the budget is > 200/s",
        "http_reqs                        | COUNTER | DEFAULT | count>1000    | 1212       | true  | http_reqs count is 1212, within the budget of > 1000",
        "errors_total                     | COUNTER | DEFAULT | count<5       | 65         | false | errors_total count is 65, but the budget is < 5",
        "http_reqs                        | COUNTER | DEFAULT | count<100000  | 123456     | false | http_reqs count is 123456, but the budget is < 100000",
        "data_received                    | COUNTER | DATA    | rate<50kB     | 21775.2714 | true  | data_received rate is 21.78 kB/s, within the budget of < 50 kB/s",
        "data_received                    | COUNTER | DATA    | rate<10000    | 21775.2714 | false | data_received rate is 21775 B/s, but the budget is < 10000 B/s",
        "data_received                    | COUNTER | DATA    | count<1MB     | 221062     | true  | data_received count is 0.2211 MB, within the budget of < 1 MB",
        // gauge
        "last_body_size                   | GAUGE   | DEFAULT | value>0       | 33         | true  | last_body_size value is 33, within the budget of > 0",
        "vus                              | GAUGE   | DEFAULT | max===5       | 5          | true  | vus max is 5, within the budget of === 5",
    })
    void shouldWriteOneSentencePerMetricTypeAndOutcome(String selector, MetricType type, MetricContents contents,
            String expression, double observed, boolean kept, String sentence) {
        assertThat(LineSentence.measured(line(selector, expression), type, contents, observed, kept))
                .isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p(95)<500  | 499.96    | true  | http_req_duration p(95) is 499.96 ms, within the budget of < 500 ms",
        "p(95)<500  | 500.04    | false | http_req_duration p(95) is 500.04 ms, but the budget is < 500 ms",
        "p(95)<500  | 500       | false | http_req_duration p(95) is 500 ms, but the budget is < 500 ms",
        "p(95)<=500 | 500       | true  | http_req_duration p(95) is 500 ms, within the budget of <= 500 ms",
        "p(95)<0.5s | 500.00001 | false | http_req_duration p(95) is 0.50000001 s, but the budget is < 0.5 s",
        "p(95)<1000 | 1000.4    | false | http_req_duration p(95) is 1000.4 ms, but the budget is < 1000 ms",
        "p(95)<0.005s | 4.99996 | true  | http_req_duration p(95) is 4.99996 ms, within the budget of < 0.005 s",
    })
    void shouldNeverPrintAValueThatDiffersFromTheLimitAsTheLimit(String expression, double observed, boolean kept,
            String sentence) {
        assertThat(LineSentence.measured(line("http_req_duration", expression), MetricType.TREND,
                MetricContents.TIME, observed, kept)).isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TIME    | ms | 612.3456",
        "TIME    | s  | 1612.5",
        "TIME    | us | 0.25",
        "DATA    | kB | 2345",
        "DEFAULT | %  | 0.05363036",
        "DEFAULT | '' | 0.05363036",
    })
    void shouldPrintObservedValuesAsTheReportsFormatThem(MetricContents contents, String unit, double observed) {
        String expression = "avg<123456789" + unit;
        String sentence = LineSentence.measured(line("some_metric", expression), MetricType.TREND, contents,
                observed, true);

        assertThat(sentence).startsWith("some_metric avg is " + ValueFormat.value(observed, contents, unit) + ", ");
    }

    @Test
    void shouldOfferTheObservedValueAndTheLimitExactlyAsTheSentencePrintsThem() {
        ThresholdLine line = line("http_reqs", "rate>200");

        assertThat(LineSentence.observedText(line, MetricType.COUNTER, MetricContents.DEFAULT, 119.385643))
                .isEqualTo("119.4/s");
        assertThat(LineSentence.limitText(line, MetricType.COUNTER, MetricContents.DEFAULT)).isEqualTo("> 200/s");
        assertThat(LineSentence.limitText(line("http_req_duration", "p(99)<1.50s"), MetricType.TREND,
                MetricContents.TIME)).isEqualTo("< 1.5 s");
    }

    @ParameterizedTest
    @EnumSource(LimitUnit.class)
    void shouldPrintEveryLimitUnitWithTheSizeItWasReadWith(LimitUnit unit) {
        for (String spelling : unit.spellings()) {
            assertThat(ValueFormat.unitSize(spelling)).as(spelling).isEqualTo(unit.size().doubleValue());
        }
    }

    @Test
    void shouldSayWhyALineCouldNotBeEvaluatedAndWhereItIsWritten() {
        ThresholdLine line = line("http_req_duration{name:chekout}", "p(95)<500");

        assertThat(LineSentence.unevaluated(line, "no sample has tag name=chekout (values seen: checkout, search)"))
                .isEqualTo("http_req_duration{name:chekout} p(95) could not be evaluated: no sample has tag "
                        + "name=chekout (values seen: checkout, search) (perf-budget.yaml line 4, column 7)");
    }
}
