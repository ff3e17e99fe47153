package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesKeyTest {

    @Test
    void shouldReadMetricsAndTagFiltersAsK6WritesThem() {
        assertThat(SeriesKey.parse("  http_req_duration ")).isEqualTo(SeriesKey.of("http_req_duration"));
        assertThat(SeriesKey.parse("my.metric-2")).isEqualTo(SeriesKey.of("my.metric-2"));
        SeriesKey checkout = SeriesKey.parse("http_req_duration { name : checkout , method:\"POST\" }");
        assertThat(checkout.metric()).isEqualTo("http_req_duration");
        assertThat(checkout.filter()).isEqualTo(Map.of("name", "checkout", "method", "POST"));
        assertThat(SeriesKey.parse("group_duration{group:::api}").filter()).isEqualTo(Map.of("group", "::api"));
        assertThat(SeriesKey.parse("m{tag:'quoted value'}").filter()).isEqualTo(Map.of("tag", "quoted value"));
        assertThat(SeriesKey.parse("m{tag:\"}").filter()).isEqualTo(Map.of("tag", "\""));
        assertThat(SeriesKey.parse("m{tag:\"a'}").filter()).isEqualTo(Map.of("tag", "\"a'"));
        assertThat(SeriesKey.parse("m{tag:''}").filter()).isEqualTo(Map.of("tag", ""));
        assertThat(checkout.isFiltered()).isTrue();
        assertThat(SeriesKey.of("m").isFiltered()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                        | '' has no metric name",
        "{name:x}                  | '{name:x}' has no metric name",
        "http req                  | metric name 'http req' may hold only letters, digits, '_', '.' and '-'",
        "m/x{name:x}               | metric name 'm/x' may hold only letters",
        "m{name:x                  | tag filter of 'm{name:x' has no closing '}'",
        "m{ }                      | tag filter of 'm{ }' is empty",
        "m{name}                   | tag filter 'name' of 'm{name}' needs the form tag:value",
        "m{:x}                     | tag filter ':x' of 'm{:x}' has no tag name",
        "m{a:1,a:2}                | tag 'a' appears twice in 'm{a:1,a:2}'",
    })
    void shouldSayWhatIsWrongWithASelector(String selector, String message) {
        assertThatThrownBy(() -> SeriesKey.parse(selector)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldMatchSamplesOfItsMetricWithEveryTagItWants() {
        SeriesKey checkout = SeriesKey.parse("http_req_duration{name:checkout,method:POST}");
        Tags both = Tags.of(Map.of("name", "checkout", "method", "POST", "status", "200"));

        assertThat(checkout.matches("http_req_duration", both)).isTrue();
        assertThat(checkout.matches("http_req_waiting", both)).isFalse();
        assertThat(checkout.matches("http_req_duration", Tags.of(Map.of("name", "checkout")))).isFalse();
        assertThat(checkout.matches("http_req_duration", Tags.of(Map.of("name", "checkout", "method", "GET"))))
                .isFalse();
        assertThat(SeriesKey.of("http_req_duration").matches("http_req_duration", Tags.of(Map.of()))).isTrue();
    }
}
