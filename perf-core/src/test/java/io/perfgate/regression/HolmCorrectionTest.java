package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HolmCorrectionTest {

    private static final double RATE = 0.01;

    @Test
    void shouldGiveEachStepItsShareUntilTheFirstLineThatDoesNotReachIt() {
        // Sorted: 0.0005 ≤ 0.01/3, 0.004 ≤ 0.01/2, 0.02 > 0.01; the untested line does not count.
        List<FailLevel> levels = HolmCorrection.levels(List.of(0.004, 0.02, Double.NaN, 0.0005), RATE);

        assertThat(levels).containsExactly(new FailLevel(0.005, 3), new FailLevel(0.01, 3),
                new FailLevel(RATE / 3, 3), new FailLevel(RATE / 3, 3));
    }

    @Test
    void shouldStopAtTheFirstLineThatFailsItsStep() {
        // 0.004 > 0.01/3: no line may fail, and every later line keeps the level it did not reach.
        List<FailLevel> levels = HolmCorrection.levels(List.of(0.006, 0.004, 0.0049), RATE);

        assertThat(levels).containsOnly(new FailLevel(RATE / 3, 3));
    }

    @Test
    void shouldLetTheLastStepUseTheWholeRate() {
        List<FailLevel> levels = HolmCorrection.levels(List.of(0.01, 0.001), RATE);

        assertThat(levels).containsExactly(new FailLevel(0.01, 2), new FailLevel(0.005, 2));
    }

    @Test
    void shouldLetAPValueExactlyAtItsStepFail() {
        assertThat(HolmCorrection.levels(List.of(0.01, 0.005), RATE)).containsExactly(new FailLevel(0.01, 2),
                new FailLevel(0.005, 2));
    }

    @Test
    void shouldGiveALoneLineTheWholeRate() {
        assertThat(HolmCorrection.levels(List.of(0.5), RATE)).containsExactly(new FailLevel(RATE, 1));
        assertThat(HolmCorrection.levels(List.of(Double.NaN), RATE)).containsExactly(new FailLevel(RATE, 1));
        assertThat(HolmCorrection.levels(List.of(), RATE)).isEmpty();
    }

    @Test
    void shouldRejectARateOutsideZeroToOne() {
        assertThatThrownBy(() -> HolmCorrection.levels(List.of(0.1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("falseAlarmRate must be within (0, 1), was 0.0");
        assertThatThrownBy(() -> HolmCorrection.levels(List.of(0.1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HolmCorrection.levels(List.of(0.1), 0.999999)).containsExactly(new FailLevel(0.999999, 1));
        assertThat(HolmCorrection.levels(List.of(0.1), 1e-9)).containsExactly(new FailLevel(1e-9, 1));
        assertThatThrownBy(() -> new FailLevel(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("level must be within (0, 1), was 0.0");
        assertThatThrownBy(() -> new FailLevel(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailLevel(0.01, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines must be at least 1, was 0");
    }

    @Test
    void shouldJudgeEachLineAgainAtItsLevelAndReuseTheLoneVerdictOtherwise() {
        RegressionSettings settings = RegressionSettings.defaults();
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        List<Double> baseline = RegressionDecisionTest.exactBaseline(494, 0.02, 10);
        double oneRun = 0.02 * Math.sqrt(1.1);
        List<FailLevel> asked = new ArrayList<>();
        // Two-sided p = 0.002 and p = 0.0001: the smaller is judged at 0.005, the other at 0.01; both fail.
        List<Function<FailLevel, RegressionVerdict>> checks = List.of(
                level -> {
                    asked.add(level);
                    return RegressionCheck.againstHistory(rule, "main", baseline, List.of(494 * Math.exp(4.296806 * oneRun)),
                            settings, level);
                },
                level -> RegressionCheck.againstHistory(rule, "main", baseline, List.of(494 * Math.exp(6.0 * oneRun)),
                        settings, level));

        List<RegressionVerdict> verdicts = HolmCorrection.judgeTogether(checks, settings);

        assertThat(verdicts).extracting(RegressionVerdict::failLevel).containsExactly(new FailLevel(0.01, 2),
                new FailLevel(0.005, 2));
        assertThat(verdicts).allMatch(RegressionVerdict::isRegression);
        assertThat(asked).containsExactly(FailLevel.alone(settings), new FailLevel(0.01, 2));
        assertThat(HolmCorrection.judgeTogether(checks.subList(1, 2), settings).get(0).failLevel())
                .isEqualTo(FailLevel.alone(settings));
    }
}
