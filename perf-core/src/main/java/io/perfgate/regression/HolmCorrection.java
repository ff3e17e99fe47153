package io.perfgate.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps the false alarms of a whole build within the false-alarm rate, however many regression lines it
 * has. Each line's test of "no change" alone would fail one unchanged build in a hundred; ten lines would
 * fail up to one in ten. Holm's step-down procedure (Holm, 1979) orders the lines' p-values
 * p(1) ≤ … ≤ p(m) and lets line j fail only when p(1..j) are each at most α/m, α/(m-1), …, α/(m-j+1).
 * It holds the build's false-alarm rate at α for any dependence between the lines (the series of one
 * run move together), and is never less sensitive than dividing α by m for every line.
 *
 * <p>A line still fails only when its measured change is also beyond the rule's allowance; that only
 * removes failures, so the guarantee stays.
 */
public final class HolmCorrection {

    private HolmCorrection() {
    }

    /**
     * The level each test is judged at. Lines without a test (NaN p-value: too few runs, no baseline) do
     * not count as lines; they get the strictest level, which they never use.
     *
     * @param pValues        each line's one-sided p-value of "no change", NaN for a line without a test
     * @param falseAlarmRate the build's false-alarm rate α
     * @return the {@link FailLevel} of each line, in the order given
     */
    public static List<FailLevel> levels(List<Double> pValues, double falseAlarmRate) {
        Objects.requireNonNull(pValues, "pValues");
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw new IllegalArgumentException("falseAlarmRate must be within (0, 1), was " + falseAlarmRate);
        }
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < pValues.size(); i++) {
            if (!Double.isNaN(pValues.get(i))) {
                tested.add(i);
            }
        }
        int lines = Math.max(1, tested.size());
        FailLevel[] levels = new FailLevel[pValues.size()];
        Arrays.fill(levels, new FailLevel(falseAlarmRate / lines, lines));
        tested.sort(Comparator.comparingDouble(pValues::get));
        // Step j (from 0) tests the j-th smallest p-value at α/(m - j); the first that fails stops the
        // procedure, and it and every larger p-value keep that step's level, which none of them reaches.
        for (int step = 0; step < tested.size(); step++) {
            FailLevel level = new FailLevel(falseAlarmRate / (lines - step), lines);
            int line = tested.get(step);
            levels[line] = level;
            if (pValues.get(line) > level.level()) {
                for (int rest = step + 1; rest < tested.size(); rest++) {
                    levels[tested.get(rest)] = level;
                }
                break;
            }
        }
        return List.of(levels);
    }

    /**
     * Judges the regression lines of one build together: each check is first run alone for its p-value,
     * then again at the level Holm's procedure gives it, so that its verdict, reason and sensitivity are
     * those of the level it was judged at.
     *
     * @param checks one check per line, each a pure function of the level it is judged at
     */
    public static List<RegressionVerdict> judgeTogether(List<? extends Function<FailLevel, RegressionVerdict>> checks,
            RegressionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        FailLevel alone = FailLevel.alone(settings);
        List<RegressionVerdict> first = new ArrayList<>(checks.size());
        List<Double> pValues = new ArrayList<>(checks.size());
        for (Function<FailLevel, RegressionVerdict> check : checks) {
            RegressionVerdict verdict = check.apply(alone);
            first.add(verdict);
            pValues.add(verdict.pValue());
        }
        List<FailLevel> levels = levels(pValues, settings.falseAlarmRate());
        List<RegressionVerdict> judged = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            judged.add(levels.get(i).equals(alone) ? first.get(i) : checks.get(i).apply(levels.get(i)));
        }
        return List.copyOf(judged);
    }
}
