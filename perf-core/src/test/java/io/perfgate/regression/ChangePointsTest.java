package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    private static final ChangePointSettings DEFAULTS = ChangePointSettings.defaults();
    private static final NoiseModel QUIET = NoiseModel.logNormal("quiet", 0.016);

    @Test
    void shouldFindAStepAtTheBuildThatBroughtIt() {
        List<Double> series = series(new SplittableRandom(1), 60, index -> index < 30 ? 494 : 494 * 1.1);

        List<ChangePoint> points = ChangePoints.find(series, DEFAULTS);

        assertThat(points).hasSize(1);
        assertThat(points.get(0).index()).isEqualTo(30);
        assertThat(points.get(0).pValue()).isLessThanOrEqualTo(0.01);
        assertThat(points.get(0).relativeShift()).isCloseTo(0.1, within(0.01));
    }

    @Test
    void shouldFindAStepUpAndTheFixThatBroughtItBack() {
        List<Double> series = series(new SplittableRandom(2), 60,
                index -> index >= 20 && index < 40 ? 494 * 1.08 : 494);

        List<ChangePoint> points = ChangePoints.find(series, DEFAULTS);

        assertThat(points).extracting(ChangePoint::index).containsExactly(20, 40);
        assertThat(points.get(0).meanAfter()).isGreaterThan(points.get(0).meanBefore());
        assertThat(points.get(1).meanAfter()).isLessThan(points.get(1).meanBefore());
    }

    @Test
    void shouldMakeSlowCreepVisible() {
        // +0.5% per build: no build-to-build check sees it, 40 builds add up to +20%.
        List<Double> series = series(new SplittableRandom(3), 40, index -> 494 * Math.pow(1.005, index));

        List<ChangePoint> points = ChangePoints.find(series, DEFAULTS);

        assertThat(points).isNotEmpty();
        assertThat(points).allSatisfy(point -> assertThat(point.meanAfter()).isGreaterThan(point.meanBefore()));
    }

    @Test
    void shouldRarelyMarkAChangeInPureNoise() {
        SplittableRandom random = new SplittableRandom(4);
        int series = 300;
        int withChange = 0;
        for (int i = 0; i < series; i++) {
            withChange += ChangePoints.find(series(random, 40, index -> 494), DEFAULTS).isEmpty() ? 0 : 1;
        }
        // The documented false-alarm rate is the significance, 1%: 3 of 300 expected, at most 7 allowed
        // (P(Binomial(300, 0.01) > 7) < 1%).
        assertThat(withChange).isLessThanOrEqualTo(7);
    }

    @Test
    void shouldGiveTheSameAnswerForTheSameSeries() {
        List<Double> series = series(new SplittableRandom(5), 50, index -> index < 22 ? 100 : 103);

        assertThat(ChangePoints.find(series, DEFAULTS)).isEqualTo(ChangePoints.find(series, DEFAULTS));
    }

    @Test
    void shouldNotSplitASeriesTooShortForTwoSegments() {
        assertThat(ChangePoints.find(List.of(1.0, 1.0, 1.0, 1.0, 9.0, 9.0, 9.0, 9.0, 9.0), DEFAULTS)).isEmpty();
        assertThat(ChangePoints.find(List.of(), DEFAULTS)).isEmpty();
    }

    @Test
    void shouldRejectBadInputAndSettings() {
        assertThatThrownBy(() -> ChangePoints.find(List.of(1.0, Double.NaN), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 2 of the series is NaN");
        assertThatThrownBy(() -> new ChangePointSettings(0.001, 99, 5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use at least 999");
        assertThatThrownBy(() -> new ChangePointSettings(0.05, 199, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private interface TrueValue {
        double at(int index);
    }

    private static List<Double> series(SplittableRandom random, int length, TrueValue trueValue) {
        List<Double> values = new ArrayList<>(length);
        for (int index = 0; index < length; index++) {
            values.add(QUIET.run(random, trueValue.at(index), 1));
        }
        return values;
    }
}
