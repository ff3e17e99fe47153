package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small value types of the statistics, pinned exactly. */
class StatsValuesTest {

    /**
     * Ten million additions of 0.1 to 1e8: plain summing drifts by hundredths; the exact sum rounds once,
     * to 101,000,000, added either way round.
     */
    @Test
    void shouldSumWithoutDriftInEitherOrder() {
        ExactSum largeFirst = new ExactSum();
        largeFirst.add(1e8);
        double plain = 1e8;
        for (int i = 0; i < 10_000_000; i++) {
            largeFirst.add(0.1);
            plain += 0.1;
        }
        ExactSum smallFirst = new ExactSum();
        for (int i = 0; i < 1_000; i++) {
            smallFirst.add(0.1);
        }
        smallFirst.add(1e17);
        smallFirst.add(-1e17);

        assertThat(Math.abs(plain - 1.01e8)).isGreaterThan(0.01);
        assertThat(largeFirst.value()).isEqualTo(1.01e8);
        assertThat(smallFirst.value()).isEqualTo(100.0);
    }

    @Test
    void shouldAddAnotherSumExactly() {
        ExactSum a = new ExactSum();
        a.add(1e16);
        a.add(1);
        a.add(1);
        ExactSum b = new ExactSum();
        b.add(-1e16);
        b.add(0.5);

        a.add(b);

        // 1e16 + 1 is no double; the exact sum keeps both ones, and b takes the 1e16 away again.
        assertThat(a.value()).isEqualTo(2.5);
        assertThatThrownBy(() -> ExactSum.requireFinite(Double.NaN)).hasMessage(
                "sample value NaN is not a finite number");
        assertThatThrownBy(() -> ExactSum.requireFinite(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "95, 95",
        "-3, -3",
        "99.9, 99.9",
        "0.5, 0.5",
        "1e15, 1000000000000000",
        "1e20, 100000000000000000000",
        "2.50, 2.5",
        "0, 0",
    })
    void shouldPrintNumbersWithoutExponentOrTrailingZeros(double value, String text) {
        assertThat(NumberText.plain(value)).isEqualTo(text);
    }

    @Test
    void shouldPrintWhatIsNotANumberAsJavaDoes() {
        assertThat(NumberText.plain(Double.NaN)).isEqualTo("NaN");
        assertThat(NumberText.plain(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(NumberText.plain(999_999_999_999_999.0)).isEqualTo("999999999999999");
        assertThat(new BigDecimal(NumberText.plain(1e15 + 0.5))).isEqualByComparingTo("1000000000000000.5");
    }

    @Test
    void shouldReadAndWriteK6sNamesOfTypesAndContents() {
        for (MetricType type : MetricType.values()) {
            assertThat(MetricType.fromK6Name(type.k6Name())).isEqualTo(type);
        }
        for (MetricContents contents : MetricContents.values()) {
            assertThat(MetricContents.fromK6Name(contents.k6Name())).isEqualTo(contents);
        }
        assertThat(MetricContents.TIME.k6Name()).isEqualTo("time");
        assertThat(MetricType.TREND.k6Name()).isEqualTo("trend");
        assertThatThrownBy(() -> MetricType.fromK6Name("histogram")).hasMessage("unknown k6 metric type 'histogram'");
        assertThatThrownBy(() -> MetricContents.fromK6Name("Time")).hasMessage(
                "unknown k6 metric contents 'Time'");
    }

    @Test
    void shouldTakePercentilesFromZeroToAHundredOnly() {
        assertThat(Statistic.percentile(0)).hasToString("p(0)");
        assertThat(Statistic.percentile(100)).hasToString("p(100)");
        assertThat(Statistic.percentile(99.9)).hasToString("p(99.9)");
        assertThatThrownBy(() -> Statistic.percentile(-0.1)).hasMessage("percentile must be within 0..100, was -0.1");
        assertThatThrownBy(() -> Statistic.percentile(100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Statistic(Statistic.Kind.AVG, 1)).hasMessage("AVG takes no percentile");
        assertThat(new Statistic(Statistic.Kind.AVG, 0)).isEqualTo(Statistic.AVG);
    }

    @Test
    void shouldKeepAtMostItsLimitOfValuesAndSayWhenItDroppedOne() {
        SeenValues.Bounded two = new SeenValues.Bounded(2);
        two.add("a");
        two.add("b");
        two.add("a");
        assertThat(two.truncated()).isFalse();
        two.add("c");
        assertThat(two.truncated()).isTrue();
        assertThat(two.values()).containsExactly("a", "b");

        SeenValues.Bounded target = new SeenValues.Bounded(3);
        target.add("x");
        target.addAll(two);
        assertThat(target.values()).containsExactly("x", "a", "b");
        assertThat(target.truncated()).isTrue();

        SeenValues.Bounded roomy = new SeenValues.Bounded(5);
        SeenValues.Bounded full = new SeenValues.Bounded(1);
        full.add("only");
        roomy.addAll(full);
        assertThat(roomy.truncated()).isFalse();
        assertThat(roomy.values()).containsExactly("only");
    }

    /** Levenshtein distances from the textbook examples: every character of both words counts. */
    @ParameterizedTest
    @CsvSource({
        "kitten, sitting, 3",
        "flaw, lawn, 2",
        "abc, abd, 1",
        "checkout, chekout, 1",
        "'', ab, 2",
        "ab, '', 2",
        "same, same, 0",
    })
    void shouldMeasureTheEditDistanceBetweenTwoSpellings(String a, String b, int distance) {
        assertThat(SeenValues.distance(a, b)).isEqualTo(distance);
    }

    @Test
    void shouldEqualAHistogramWithTheSameBytesOnly() {
        DoubleHistogram histogram = new DoubleHistogram(3);
        histogram.recordValue(12.5);
        CompressedHistogram one = CompressedHistogram.encode(histogram);
        CompressedHistogram same = CompressedHistogram.of(one.bytes());
        histogram.recordValue(99);
        CompressedHistogram other = CompressedHistogram.encode(histogram);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other).isNotEqualTo("bytes");
        assertThat(one.hashCode()).isEqualTo(Arrays.hashCode(one.bytes()));
        assertThat(one).hasToString("CompressedHistogram[" + one.size() + " bytes]");
    }

    @Test
    void shouldKeepTheGaugeValueOfTheLatestSampleAcrossMerges() {
        GaugeAccumulator early = new GaugeAccumulator();
        early.record(5, 100);
        early.record(7, 100);
        GaugeAccumulator late = new GaugeAccumulator();
        late.record(3, 100);
        GaugeAccumulator none = new GaugeAccumulator();

        assertThat(early.sampleCount()).isEqualTo(2);
        assertThat(early.value(Statistic.VALUE, 0)).hasValue(7);
        early.merge(none);
        assertThat(early.sampleCount()).isEqualTo(2);
        early.merge(late);
        // A sample at the same instant as the last one counts as later: it came after it.
        assertThat(early.value(Statistic.VALUE, 0)).hasValue(3);
        assertThat(early.sampleCount()).isEqualTo(3);
        assertThat(early.value(Statistic.MIN, 0)).hasValue(3);
        assertThat(early.value(Statistic.MAX, 0)).hasValue(7);
        assertThat(none.value(Statistic.VALUE, 0)).isEmpty();
        none.merge(late);
        assertThat(none.value(Statistic.VALUE, 0)).hasValue(3);
    }
}
