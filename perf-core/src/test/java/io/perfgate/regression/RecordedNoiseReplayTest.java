package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfgate.history.RunRecord;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The regression checks replayed on real runs: the noise labs in the test resources
 * ({@link NoiseLab}, recorded by {@code bench/noise-lab/record.sh}), beside the synthetic replay of
 * {@link RegressionNoiseReplayTest}. A build is drawn from the recorded runs: ten distinct unchanged runs
 * as its baseline, and one run (or the median of three) of one slowdown as its candidate, never a run of
 * its own baseline. Seeds are fixed. The table goes to {@code <build folder>/regression/recorded-replay.md}.
 *
 * <p>Draws from twenty recorded runs are not independent builds: the rates say how the checks treat
 * these runs, with the uncertainty of twenty runs, not of the number of draws.
 */
class RecordedNoiseReplayTest {

    private static final int BASELINE_RUNS = 10;
    private static final int TRIALS = 2_000;
    private static final Statistic P95 = Statistic.percentile(95);
    private static final List<RegressionRule> RULES = List.of(RegressionRule.of(P95, "<", "baseline"),
            RegressionRule.of(P95, "<", "baseline + 2%"));
    private static final int[] CANDIDATE_RUNS = {1, 3};

    record Row(String lab, SeriesKey series, double noise, RegressionRule rule, int candidateRuns, double slowdown,
            NoiseReplay.Rates rates) {
    }

    private static final List<NoiseLab> LABS = NoiseLab.all();
    private static final List<Row> ROWS = new ArrayList<>();

    @BeforeAll
    static void replay() throws IOException, URISyntaxException {
        long seed = 300;
        for (NoiseLab lab : LABS) {
            for (SeriesKey series : lab.trendSeries("http_req_duration")) {
                double noise = lab.noise(series, P95).orElse(Double.NaN);
                for (RegressionRule rule : RULES) {
                    for (int candidateRuns : CANDIDATE_RUNS) {
                        for (double slowdown : lab.runsBySlowdown().keySet()) {
                            replay(lab, series, rule, candidateRuns, slowdown, seed++).ifPresent(rates ->
                                    ROWS.add(new Row(lab.name(), series, noise, rule, candidateRuns, slowdown,
                                            rates)));
                        }
                    }
                }
            }
        }
        Path table = buildFolder().resolve("regression/recorded-replay.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, table(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadEveryRecordedRunWithItsP95() {
        assertThat(LABS).isNotEmpty();
        for (NoiseLab lab : LABS) {
            assertThat(lab.runs(1.0)).as("unchanged runs of %s", lab.name()).isNotEmpty();
            SeriesKey overall = SeriesKey.of("http_req_duration");
            assertThat(lab.trendSeries("http_req_duration")).as(lab.name()).contains(overall);
            lab.runsBySlowdown().forEach((slowdown, runs) -> {
                assertThat(lab.values(slowdown, overall, P95)).as("p(95) of %s at %s", lab.name(), slowdown)
                        .hasSize(runs.size()).allMatch(value -> value > 0);
                assertThat(runs).extracting(RunRecord::branch).allMatch(branch -> Double.parseDouble(
                        branch.substring(NoiseLab.BRANCH_PREFIX.length())) == slowdown);
            });
        }
    }

    /** Where a lab has enough runs: builds without a change fail at most 1 % of the time, as promised. */
    @Test
    void shouldKeepFalseAlarmsWithinOnePercentOnRecordedRuns() {
        List<Row> unchanged = ROWS.stream().filter(row -> row.slowdown() == 1.0).toList();
        assumeTrue(!unchanged.isEmpty(), "no lab has " + (BASELINE_RUNS + 3) + " unchanged runs yet; record one "
                + "with bench/noise-lab/record.sh");
        unchanged.forEach(row -> assertThat(row.rates().regressionRate()).as(row.toString())
                .isLessThanOrEqualTo(0.01));
    }

    /** Where a lab has enough runs: a slowdown of twice the rule's allowance is never passed silently. */
    @Test
    void shouldNotPassAClearSlowdownOnRecordedRuns() {
        List<Row> clear = ROWS.stream().filter(row -> row.slowdown() >= 1.10
                && row.rule().allowedRelativeChange(RegressionSettings.defaults()) * 2 <= row.slowdown() - 1).toList();
        assumeTrue(!clear.isEmpty(), "no lab has runs at +10% or more yet; record one with bench/noise-lab/record.sh");
        clear.forEach(row -> assertThat(row.rates().passRate()).as(row.toString()).isLessThanOrEqualTo(0.05));
    }

    /**
     * The replay itself, on a lab of made-up records whose p(95) is log-normal at the measured 1.6 %: as
     * the synthetic replay finds, no unchanged build fails and every +20 % build does.
     */
    @Test
    void shouldReplayALabOfRecordsLikeTheSyntheticReplay() {
        SplittableRandom random = new SplittableRandom(4);
        NoiseModel noise = NoiseModel.logNormal("measured", 0.016);
        Map<Double, List<RunRecord>> runs = new TreeMap<>();
        runs.put(1.0, records(noise, 1.0, 20, random));
        runs.put(1.2, records(noise, 1.2, 8, random));
        NoiseLab lab = new NoiseLab("made-up", runs);
        SeriesKey overall = SeriesKey.of("http_req_duration");

        NoiseReplay.Rates unchanged = replay(lab, overall, RULES.get(0), 1, 1.0, 1).orElseThrow();
        NoiseReplay.Rates slower = replay(lab, overall, RULES.get(0), 1, 1.2, 2).orElseThrow();

        assertThat(lab.noise(overall, P95).orElseThrow()).isBetween(0.008, 0.024);
        assertThat(unchanged.trials()).isEqualTo(TRIALS);
        assertThat(unchanged.regressionRate()).isLessThanOrEqualTo(0.01);
        assertThat(slower.regressionRate()).isEqualTo(1);
        assertThat(replay(lab, overall, RULES.get(0), 3, 1.2, 3)).isPresent();
        assertThat(replay(new NoiseLab("small", Map.of(1.0, runs.get(1.0).subList(0, 12))), overall,
                RULES.get(0), 1, 1.0, 4)).isEmpty();
    }

    private static List<RunRecord> records(NoiseModel noise, double slowdown, int count, SplittableRandom random) {
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OptionalDouble none = OptionalDouble.empty();
            double p95 = noise.run(random, 24 * slowdown, 1);
            records.add(RunRecord.builder().project("io.perfgate.demo:booking-service")
                    .branch(NoiseLab.BRANCH_PREFIX + slowdown).runId("lab-" + slowdown + "-" + i)
                    .startedAt(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * i))
                    .verdict(Verdict.PASS)
                    .series(new SeriesSummary(SeriesKey.of("http_req_duration"),
                            MetricType.TREND, MetricContents.TIME, 1000, none,
                            none, none, none, none, OptionalDouble.of(p95), none, none, none,
                            Optional.empty()))
                    .build());
        }
        return records;
    }

    /**
     * Builds drawn from the lab, or empty when it has too few runs: the baseline needs ten unchanged runs,
     * the candidate its own runs besides (three more unchanged ones for the checks without a change).
     */
    private static Optional<NoiseReplay.Rates> replay(NoiseLab lab, SeriesKey series, RegressionRule rule,
            int candidateRuns, double slowdown, long seed) {
        List<Double> unchanged = lab.values(1.0, series, P95);
        List<Double> changed = lab.values(slowdown, series, P95);
        boolean same = slowdown == 1.0;
        if (unchanged.size() < BASELINE_RUNS + (same ? 3 : 0) || changed.size() < candidateRuns) {
            return Optional.empty();
        }
        SplittableRandom random = new SplittableRandom(seed);
        RegressionSettings settings = RegressionSettings.defaults();
        int regressions = 0;
        int inconclusive = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            List<Double> shuffled = shuffled(unchanged, random);
            List<Double> baseline = shuffled.subList(0, BASELINE_RUNS);
            List<Double> pool = same ? shuffled.subList(BASELINE_RUNS, shuffled.size()) : shuffled(changed, random);
            List<Double> candidate = pool.subList(0, candidateRuns);
            RegressionVerdict verdict = RegressionCheck.againstHistory(rule, "main", baseline, candidate, settings);
            switch (verdict.outcome()) {
                case REGRESSION -> regressions++;
                case INCONCLUSIVE -> inconclusive++;
                case NO_REGRESSION -> { }
            }
        }
        return Optional.of(new NoiseReplay.Rates(TRIALS, regressions, inconclusive));
    }

    private static List<Double> shuffled(List<Double> values, SplittableRandom random) {
        List<Double> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    private static String table() {
        StringBuilder text = new StringBuilder("# Regression checks replayed on recorded runs\n\n");
        for (NoiseLab lab : LABS) {
            text.append("- ").append(lab.name()).append(": ");
            lab.runsBySlowdown().forEach((slowdown, runs) -> text.append(runs.size()).append(" runs at ")
                    .append(String.format(Locale.ROOT, "%.2f", slowdown)).append(", "));
            text.setLength(text.length() - 2);
            text.append("\n");
        }
        if (ROWS.isEmpty()) {
            return text.append("\nNo lab has ").append(BASELINE_RUNS + 3).append(" unchanged runs yet; record one ")
                    .append("with bench/noise-lab/record.sh.\n").toString();
        }
        text.append("\nTen unchanged runs as the baseline, the candidate one run or the median of three of the ")
                .append("slowdown shown. ").append(TRIALS).append(" draws per row. Share failed (undecided).\n\n")
                .append("| lab | series | p(95) noise | rule | runs per build | slowdown | failed (undecided) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            text.append("| ").append(row.lab()).append(" | ").append(row.series()).append(" | ")
                    .append(percent(row.noise())).append(" | `").append(row.rule().expression()).append("` | ")
                    .append(row.candidateRuns() == 1 ? "1" : "median of " + row.candidateRuns()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", row.slowdown())).append(" | ")
                    .append(percent(row.rates().regressionRate())).append(" (")
                    .append(percent(row.rates().inconclusiveRate())).append(") |\n");
        }
        return text.toString();
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static Path buildFolder() throws URISyntaxException {
        return Path.of(RecordedNoiseReplayTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }
}
