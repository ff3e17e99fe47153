package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays run-to-run noise calibrated on real k6 runs (shared/fixtures/noise.md) through the regression
 * checks with their default settings, and measures how often they cry wolf, how often they catch a real
 * change and where they say INCONCLUSIVE instead. Seeds are fixed, so the rates are the same on every
 * run and the assertions cannot flake. The table goes to {@code <build folder>/regression/noise-replay.md}.
 */
class RegressionNoiseReplayTest {

    private static final int NULL_TRIALS = 10_000;
    private static final int CHANGE_TRIALS = 4_000;
    private static final double TRUE_P95_MS = 494;
    private static final double[] CHANGES = {0, 0.05, 0.10, 0.20};

    static final NoiseModel QUIET = NoiseModel.logNormal("quiet machine, CV 1.6%", 0.016);
    static final NoiseModel CI = NoiseModel.logNormal("CI, CV 3%", 0.03);
    static final NoiseModel NOISY_CI = NoiseModel.logNormal("noisy CI, CV 5%", 0.05);
    static final NoiseModel OUTLIERS = new NoiseModel("CV 3% + 2% outlier runs (+20-60%)", 0.03, 0, 0.02, 1.2, 1.6);
    static final NoiseModel DRIFT = new NoiseModel("shared CI: CV 1.6% per run + 3% per build", 0.016, 0.03, 0, 1, 1);
    private static final List<NoiseModel> MODELS = List.of(QUIET, CI, NOISY_CI, OUTLIERS, DRIFT);

    /** How the candidate is measured: k runs against n history runs, or k interleaved rounds. */
    record Mode(String family, int candidateRuns, int baselineRuns, boolean interleaved) {

        String label() {
            return interleaved ? "A/B" : candidateRuns == 1 ? "single run" : "median of " + candidateRuns + " runs";
        }
    }

    private static final List<Mode> MODES = modes();

    record Cell(RegressionRule rule, NoiseModel noise, Mode mode, double change) {
    }

    record Rates(int trials, int regressions, int inconclusive) {

        double regressionRate() {
            return (double) regressions / trials;
        }

        double inconclusiveRate() {
            return (double) inconclusive / trials;
        }

        double passRate() {
            return (double) (trials - regressions - inconclusive) / trials;
        }
    }

    /** The default allowance (+ 5%), which the requirements are stated for. */
    private static final RegressionRule RULE = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
    /** The allowance budget files are expected to use on CI machines. */
    private static final RegressionRule TEN_PERCENT = RegressionRule.of(Statistic.percentile(95), "<",
            "baseline + 10%");
    private static final double[] TEN_PERCENT_CHANGES = {0, 0.10, 0.20, 0.30};
    private static final Map<Cell, Rates> RATES = new LinkedHashMap<>();

    @BeforeAll
    static void replay() throws IOException, URISyntaxException {
        long seed = 1;
        for (NoiseModel noise : MODELS) {
            for (Mode mode : MODES) {
                for (double change : CHANGES) {
                    int trials = change == 0 ? NULL_TRIALS : CHANGE_TRIALS;
                    RATES.put(new Cell(RULE, noise, mode, change), replay(RULE, noise, mode, change, trials, seed++));
                }
                if (mode.baselineRuns() == 10 || mode.interleaved()) {
                    for (double change : TEN_PERCENT_CHANGES) {
                        int trials = change == 0 ? NULL_TRIALS : CHANGE_TRIALS;
                        RATES.put(new Cell(TEN_PERCENT, noise, mode, change),
                                replay(TEN_PERCENT, noise, mode, change, trials, seed++));
                    }
                }
            }
        }
        Path table = buildFolder().resolve("regression/noise-replay.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, table(), StandardCharsets.UTF_8);
    }

    private static Rates replay(RegressionRule rule, NoiseModel noise, Mode mode, double change, int trials,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RegressionSettings settings = RegressionSettings.defaults();
        int regressions = 0;
        int inconclusive = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<Double> baseline = new ArrayList<>();
            List<Double> candidate = new ArrayList<>();
            RegressionVerdict verdict;
            if (mode.interleaved()) {
                double build = noise.buildFactor(random);
                for (int round = 0; round < mode.candidateRuns(); round++) {
                    baseline.add(noise.run(random, TRUE_P95_MS, build));
                    candidate.add(noise.run(random, TRUE_P95_MS * (1 + change), build));
                }
                verdict = RegressionCheck.interleaved(rule, "main", baseline, candidate, settings);
            } else {
                for (int run = 0; run < mode.baselineRuns(); run++) {
                    baseline.add(noise.run(random, TRUE_P95_MS, noise.buildFactor(random)));
                }
                double build = noise.buildFactor(random);
                for (int run = 0; run < mode.candidateRuns(); run++) {
                    candidate.add(noise.run(random, TRUE_P95_MS * (1 + change), build));
                }
                verdict = RegressionCheck.againstHistory(rule, "main", baseline, candidate, settings);
            }
            switch (verdict.outcome()) {
                case REGRESSION -> regressions++;
                case INCONCLUSIVE -> inconclusive++;
                case NO_REGRESSION -> { }
            }
        }
        return new Rates(trials, regressions, inconclusive);
    }

    @Test
    void shouldRaiseAtMostOnePercentFalseAlarmsUnderLogNormalNoise() {
        for (NoiseModel noise : List.of(QUIET, CI, NOISY_CI)) {
            for (Mode mode : MODES) {
                assertThat(rates(noise, mode, 0).regressionRate()).as("A/A false alarms, %s, %s", noise.name(), mode)
                        .isLessThanOrEqualTo(0.01);
            }
        }
    }

    @Test
    void shouldKeepFalseAlarmsLowWithOutlierRunsWhenTheCandidateRunsMoreThanOnce() {
        for (Mode mode : MODES) {
            if (mode.candidateRuns() > 1) {
                assertThat(rates(OUTLIERS, mode, 0).regressionRate()).as("A/A false alarms with outliers, %s", mode)
                        .isLessThanOrEqualTo(0.01);
            }
        }
        // One run cannot tell a hiccup from a regression: the rate is about the outlier probability.
        assertThat(rates(OUTLIERS, MODES.get(1), 0).regressionRate()).isBetween(0.01, 0.03);
    }

    @Test
    void shouldKeepFalseAlarmsLowOnSharedMachinesForSingleRunsAndInterleavedRounds() {
        for (Mode mode : MODES) {
            if (mode.interleaved() || mode.candidateRuns() == 1) {
                assertThat(rates(DRIFT, mode, 0).regressionRate()).as("A/A false alarms with build drift, %s", mode)
                        .isLessThanOrEqualTo(0.01);
            }
        }
    }

    @Test
    void shouldDetectATwentyPercentSlowdownInOneRun() {
        for (Mode mode : MODES) {
            if (mode.candidateRuns() == 1) {
                assertThat(rates(QUIET, mode, 0.20).regressionRate()).as("+20%%, quiet, %s", mode)
                        .isGreaterThanOrEqualTo(0.95);
                if (mode.baselineRuns() >= 10) {
                    assertThat(rates(CI, mode, 0.20).regressionRate()).as("+20%%, CI, %s", mode)
                            .isGreaterThanOrEqualTo(0.95);
                }
            }
        }
    }

    @Test
    void shouldDetectATwentyPercentSlowdownWithRepeatedRunsEvenOnNoisyMachines() {
        for (Mode mode : MODES) {
            if (mode.interleaved() || mode.candidateRuns() == 1) {
                continue;
            }
            if (mode.candidateRuns() == 5 || mode.baselineRuns() >= 10) {
                assertThat(rates(CI, mode, 0.20).regressionRate()).as("+20%%, CI, %s", mode)
                        .isGreaterThanOrEqualTo(0.95);
            }
            if (mode.candidateRuns() == 5 && mode.baselineRuns() >= 10 || mode.baselineRuns() >= 20) {
                assertThat(rates(NOISY_CI, mode, 0.20).regressionRate()).as("+20%%, noisy CI, %s", mode)
                        .isGreaterThanOrEqualTo(0.95);
            }
        }
    }

    @Test
    void shouldDetectATenPercentSlowdownWithRepeatedRuns() {
        for (Mode mode : MODES) {
            if (!mode.interleaved() && mode.candidateRuns() >= 3) {
                assertThat(rates(QUIET, mode, 0.10).regressionRate()).as("+10%%, quiet, %s", mode)
                        .isGreaterThanOrEqualTo(0.90);
            }
            if (!mode.interleaved() && mode.candidateRuns() == 5 && mode.baselineRuns() >= 10) {
                assertThat(rates(CI, mode, 0.10).regressionRate()).as("+10%%, CI, %s", mode)
                        .isGreaterThanOrEqualTo(0.90);
            }
        }
    }

    @Test
    void shouldDetectATenPercentSlowdownWithInterleavedRoundsEvenWhenBuildsDrift() {
        for (Mode mode : MODES) {
            if (mode.interleaved()) {
                for (NoiseModel noise : List.of(QUIET, CI, DRIFT)) {
                    assertThat(rates(noise, mode, 0.10).regressionRate()).as("+10%%, %s, %s", noise.name(), mode)
                            .isGreaterThanOrEqualTo(0.90);
                }
            }
        }
    }

    @Test
    void shouldSayInconclusiveRatherThanPassAMissedChange() {
        // A change of twice the default allowance or more that is not caught must not pass silently.
        for (NoiseModel noise : MODELS) {
            for (Mode mode : MODES) {
                for (double change : new double[] {0.10, 0.20}) {
                    assertThat(rates(noise, mode, change).passRate()).as("pass rate at +%s, %s, %s", change,
                            noise.name(), mode).isLessThanOrEqualTo(0.05);
                }
            }
        }
    }

    @Test
    void shouldDecideMostIdenticalBuildsOnAQuietMachineWhenTheCandidateRunsThreeTimes() {
        for (Mode mode : MODES) {
            if (!mode.interleaved() && mode.candidateRuns() >= 3 && mode.baselineRuns() >= 10) {
                assertThat(rates(QUIET, mode, 0).inconclusiveRate()).as("A/A inconclusive, quiet, %s", mode)
                        .isLessThanOrEqualTo(0.10);
            }
        }
    }

    @Test
    void shouldDecideMostBuildsOnCiWithATenPercentAllowanceAndRepeatedOrInterleavedRuns() {
        for (Mode mode : MODES) {
            if (tenPercentRates(CI, mode, 0) == null || mode.candidateRuns() == 1) {
                continue;
            }
            Rates identical = tenPercentRates(CI, mode, 0);
            assertThat(identical.regressionRate()).as("A/A false alarms, + 10%%, CI, %s", mode).isLessThanOrEqualTo(0.01);
            assertThat(identical.inconclusiveRate()).as("A/A inconclusive, + 10%%, CI, %s", mode)
                    .isLessThanOrEqualTo(0.10);
            assertThat(tenPercentRates(CI, mode, 0.20).regressionRate()).as("+20%% against + 10%%, CI, %s", mode)
                    .isGreaterThanOrEqualTo(0.90);
        }
    }

    @Test
    void shouldWriteTheRateTable() throws IOException, URISyntaxException {
        String table = Files.readString(buildFolder().resolve("regression/noise-replay.md"));

        assertThat(table).contains("| quiet machine, CV 1.6% | single run | 10 |")
                .contains("| shared CI: CV 1.6% per run + 3% per build | A/B | 7 rounds |")
                .contains("## Smallest run count that detects a change");
        assertThat(table.lines().filter(line -> line.startsWith("| ") && line.contains(" | "))).hasSizeGreaterThan(
                MODELS.size() * MODES.size());
    }

    private static Rates rates(NoiseModel noise, Mode mode, double change) {
        return RATES.get(new Cell(RULE, noise, mode, change));
    }

    private static Rates tenPercentRates(NoiseModel noise, Mode mode, double change) {
        return RATES.get(new Cell(TEN_PERCENT, noise, mode, change));
    }

    private static List<Mode> modes() {
        List<Mode> modes = new ArrayList<>();
        for (int candidateRuns : new int[] {1, 3, 5}) {
            for (int baselineRuns : new int[] {5, 10, 20}) {
                modes.add(new Mode("k=" + candidateRuns, candidateRuns, baselineRuns, false));
            }
        }
        modes.add(new Mode("A/B", 7, 7, true));
        modes.add(new Mode("A/B", 10, 10, true));
        return List.copyOf(modes);
    }

    private static String table() {
        StringBuilder text = new StringBuilder();
        text.append("# Regression checks replayed against calibrated run-to-run noise\n\n")
                .append("Default settings, rule `p(95) < baseline` (allows + 5%). Each cell: share of trials that ")
                .append("called a REGRESSION, in brackets the share INCONCLUSIVE; the rest passed. ")
                .append(NULL_TRIALS).append(" trials for A/A (no change), ").append(CHANGE_TRIALS)
                .append(" for each change. Fixed seeds.\n\n")
                .append("| noise | mode | baseline runs | A/A false alarms | +5% | +10% | +20% |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (NoiseModel noise : MODELS) {
            for (Mode mode : MODES) {
                text.append("| ").append(noise.name()).append(" | ").append(mode.label()).append(" | ")
                        .append(mode.interleaved() ? mode.candidateRuns() + " rounds" : mode.baselineRuns());
                for (double change : CHANGES) {
                    Rates rates = rates(noise, mode, change);
                    text.append(" | ").append(percent(rates.regressionRate())).append(" (")
                            .append(percent(rates.inconclusiveRate())).append(")");
                }
                text.append(" |\n");
            }
        }
        text.append("\n## With the rule `p(95) < baseline + 10%`\n\n")
                .append("The allowance a budget on CI machines is expected to use; 10 baseline runs or the A/B rounds ")
                .append("shown. Same cells as above.\n\n")
                .append("| noise | mode | baseline runs | A/A false alarms | +10% | +20% | +30% |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (NoiseModel noise : MODELS) {
            for (Mode mode : MODES) {
                if (tenPercentRates(noise, mode, 0) == null) {
                    continue;
                }
                text.append("| ").append(noise.name()).append(" | ").append(mode.label()).append(" | ")
                        .append(mode.interleaved() ? mode.candidateRuns() + " rounds" : mode.baselineRuns());
                for (double change : TEN_PERCENT_CHANGES) {
                    Rates rates = tenPercentRates(noise, mode, change);
                    text.append(" | ").append(percent(rates.regressionRate())).append(" (")
                            .append(percent(rates.inconclusiveRate())).append(")");
                }
                text.append(" |\n");
            }
        }
        text.append("\n## Smallest run count that detects a change\n\n")
                .append("Baseline runs (history modes) or rounds (A/B) at which a change is caught in at least 90% ")
                .append("(+10%) or 95% (+20%) of trials while A/A false alarms stay at most 1%; - when no tried count ")
                .append("does.\n\n")
                .append("| noise | mode | +10% caught >= 90% | +20% caught >= 95% |\n|---|---|---|---|\n");
        for (NoiseModel noise : MODELS) {
            for (String family : List.of("k=1", "k=3", "k=5", "A/B")) {
                List<Mode> members = MODES.stream().filter(mode -> mode.family().equals(family)).toList();
                text.append("| ").append(noise.name()).append(" | ").append(members.get(0).label()).append(" | ")
                        .append(smallest(noise, members, 0.10, 0.90)).append(" | ")
                        .append(smallest(noise, members, 0.20, 0.95)).append(" |\n");
            }
        }
        return text.toString();
    }

    private static String smallest(NoiseModel noise, List<Mode> members, double change, double wanted) {
        for (Mode mode : members) {
            if (rates(noise, mode, change).regressionRate() >= wanted && rates(noise, mode, 0).regressionRate() <= 0.01) {
                return mode.interleaved() ? mode.candidateRuns() + " rounds" : String.valueOf(mode.baselineRuns());
            }
        }
        return "-";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** The build folder this test runs from, whatever perf.buildDirName named it. */
    private static Path buildFolder() throws URISyntaxException {
        return Path.of(RegressionNoiseReplayTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }
}
