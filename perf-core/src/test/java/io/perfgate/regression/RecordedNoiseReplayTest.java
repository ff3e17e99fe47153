package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfgate.history.RunRecord;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.regression.NoiseReplay.Mode;
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
import java.util.Arrays;
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
 * its own baseline. Seeds are fixed. The table goes to {@code <build folder>/regression/recorded-replay.md};
 * its section "README rows" holds each lab's rows of the README's error-rate table ({@link ErrorRateRow}),
 * in the columns the synthetic replay writes its rows in.
 *
 * <p>Draws from twenty recorded runs are not independent builds: the rates say how the checks treat
 * these runs, with the uncertainty of twenty runs, not of the number of draws. So the false-alarm rates
 * are measured and written, not held to the 1 % that the synthetic replay holds the checks to: from one
 * pool of twenty runs they scatter far more widely than that, even for runs exactly as the synthetic
 * replay draws them ({@link #shouldFindFalseAlarmRatesOfOnePoolOfTwentyRunsScatteredFarBeyondOnePercent}).
 */
class RecordedNoiseReplayTest {

    private static final int BASELINE_RUNS = 10;
    private static final int TRIALS = 2_000;
    private static final Statistic P95 = Statistic.percentile(95);
    private static final List<RegressionRule> RULES = List.of(RegressionRule.of(P95, "<", "baseline"),
            RegressionRule.of(P95, "<", "baseline + 2%"));
    private static final int[] CANDIDATE_RUNS = {1, 3};

    /**
     * @param noise  the spread of the series' log p(95) over the lab's unchanged runs
     * @param change how much the slowdown moved the series' p(95): the ratio of the medians of its runs and the
     *               unchanged runs, minus 1 (the demo's slowdown factor need not move p(95) as much)
     * @param changeError the standard error of that move on the log scale: two medians of runs that vary by
     *                    {@code noise}, each √(π/2) times as uncertain as a mean
     */
    record Row(String lab, SeriesKey series, double noise, RegressionRule rule, int candidateRuns, double slowdown,
            double change, double changeError, NoiseReplay.Rates rates) {

        /** Whether the runs show the move to be at least twice the rule's allowance, two standard errors aside. */
        boolean clearlyBeyondTwiceTheAllowance() {
            double twice = 2 * rule.allowedRelativeChange(RegressionSettings.defaults());
            return Math.log1p(change) - 2 * changeError >= Math.log1p(twice);
        }
    }

    private static final SeriesKey OVERALL = SeriesKey.of("http_req_duration");
    /** The slowdowns of the README's columns +5 %, +10 %, +20 %. */
    private static final double[] README_SLOWDOWNS = {1.05, 1.10, 1.20};

    private static final List<NoiseLab> LABS = NoiseLab.all();
    private static final List<Row> ROWS = new ArrayList<>();

    @BeforeAll
    static void replay() throws IOException, URISyntaxException {
        long seed = 300;
        for (NoiseLab lab : LABS) {
            ROWS.addAll(rows(lab, seed));
            seed += 1_000;
        }
        Path table = buildFolder().resolve("regression/recorded-replay.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, table(), StandardCharsets.UTF_8);
    }

    /** Every series, rule, run count and slowdown of a lab that it has the runs for, seeds from {@code seed}. */
    private static List<Row> rows(NoiseLab lab, long seed) {
        List<Row> rows = new ArrayList<>();
        long next = seed;
        for (SeriesKey series : lab.trendSeries("http_req_duration")) {
            double noise = lab.noise(series, P95).orElse(Double.NaN);
            for (RegressionRule rule : RULES) {
                for (int candidateRuns : CANDIDATE_RUNS) {
                    for (double slowdown : lab.runsBySlowdown().keySet()) {
                        double change = lab.change(slowdown, series, P95).orElse(Double.NaN);
                        double changeError = noise * Math.sqrt(Math.PI / 2 * (1.0 / lab.values(1.0, series, P95).size()
                                + 1.0 / lab.values(slowdown, series, P95).size()));
                        replay(lab, series, rule, candidateRuns, slowdown, next++).ifPresent(rates -> rows.add(
                                new Row(lab.name(), series, noise, rule, candidateRuns, slowdown, change, changeError,
                                        rates)));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * A lab's rows of the README's error-rate table: the whole http_req_duration, the bare rule, one run
     * and the median of three per build; none while the lab has too few unchanged runs.
     */
    static List<ErrorRateRow> readmeRows(NoiseLab lab, List<Row> rows) {
        List<ErrorRateRow> readme = new ArrayList<>();
        double noise = lab.noise(OVERALL, P95).orElse(Double.NaN);
        for (int candidateRuns : CANDIDATE_RUNS) {
            Optional<Row> unchanged = find(rows, lab, candidateRuns, 1.0);
            if (unchanged.isEmpty()) {
                continue;
            }
            OptionalDouble[] failed = new OptionalDouble[README_SLOWDOWNS.length];
            for (int i = 0; i < README_SLOWDOWNS.length; i++) {
                failed[i] = find(rows, lab, candidateRuns, README_SLOWDOWNS[i])
                        .map(row -> OptionalDouble.of(row.rates().regressionRate())).orElse(OptionalDouble.empty());
            }
            Mode mode = Mode.history(candidateRuns, BASELINE_RUNS);
            readme.add(new ErrorRateRow(source(lab), lab.name() + ", " + ErrorRateRow.percent(noise),
                    ErrorRateRow.mode(mode), unchanged.get().rates(), failed[0], failed[1], failed[2],
                    ErrorRateRow.detectable(noise, mode)));
        }
        return readme;
    }

    /** {@code recorded (JMeter, demo service)}. */
    private static String source(NoiseLab lab) {
        String tool = switch (lab.loadTool()) {
            case "jmeter" -> "JMeter";
            default -> lab.loadTool();
        };
        return "recorded (" + tool + ", demo service)";
    }

    private static Optional<Row> find(List<Row> rows, NoiseLab lab, int candidateRuns, double slowdown) {
        return rows.stream().filter(row -> row.lab().equals(lab.name()) && row.series().equals(OVERALL)
                && row.rule().equals(RULES.get(0)) && row.candidateRuns() == candidateRuns
                && row.slowdown() == slowdown).findFirst();
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

    /**
     * Why the recorded false-alarm rates are not held to 1 %: pools of twenty runs drawn exactly as the
     * synthetic replay draws runs (log-normal, CV 1.6 %), each replayed as a recorded lab is, with a
     * {@code + 2%} line and one run per build. Over the pools the rate is what the synthetic replay finds,
     * well within 1 %; one pool's rate is 0 in half of them and beyond 1 % in one of ten. (The jmeter-2core
     * lab's 0.9-5.4 % per line are of that order, on runs that vary by 20 % on a busy machine.)
     */
    @Test
    void shouldFindFalseAlarmRatesOfOnePoolOfTwentyRunsScatteredFarBeyondOnePercent() {
        SplittableRandom random = new SplittableRandom(9);
        NoiseModel noise = NoiseModel.logNormal("measured", 0.016);
        double[] rates = new double[200];
        for (int pool = 0; pool < rates.length; pool++) {
            Map<Double, List<RunRecord>> runs = Map.of(1.0, records(noise, 1.0, 20, random));
            rates[pool] = replay(new NoiseLab("pool", "jmeter", runs), OVERALL, RULES.get(1), 1, 1.0, pool, 500)
                    .orElseThrow().regressionRate();
        }
        Arrays.sort(rates);

        assertThat(Arrays.stream(rates).average().orElseThrow()).isLessThanOrEqualTo(0.01);
        assertThat(rates[rates.length / 2]).isZero();
        assertThat(rates[rates.length * 9 / 10]).as("one pool in ten").isGreaterThan(0.01);
    }

    /**
     * Where a lab's runs show that a slowdown moved a series' p(95) by twice the rule's allowance or more,
     * its builds are never passed silently: they fail or stay undecided. A move the runs cannot tell from
     * their noise is no clear slowdown (in the jmeter-2core lab, 1.20 moved p(95) by 12-19 % with a
     * standard error of about 10 %).
     */
    @Test
    void shouldNotPassAClearSlowdownOnRecordedRuns() {
        List<Row> clear = clearSlowdowns(ROWS);
        assumeTrue(!clear.isEmpty(), "no lab has runs that clearly moved p(95) by twice the allowance yet; record "
                + "one with bench/noise-lab/record.sh on a quiet machine");
        clear.forEach(row -> assertThat(row.rates().passRate()).as(row.toString()).isLessThanOrEqualTo(0.05));
    }

    /** The check above picks its rows as it should from a lab as quiet as the measured k6 runs. */
    @Test
    void shouldFindTheClearSlowdownsOfAQuietLab() {
        SplittableRandom random = new SplittableRandom(6);
        NoiseModel noise = NoiseModel.logNormal("measured", 0.016);
        Map<Double, List<RunRecord>> runs = new TreeMap<>();
        runs.put(1.0, records(noise, 1.0, 20, random));
        for (double slowdown : README_SLOWDOWNS) {
            runs.put(slowdown, records(noise, slowdown, 8, random));
        }
        List<Row> rows = rows(new NoiseLab("quiet", "jmeter", runs), 20);

        // +20 % is clearly twice either allowance, +10 % twice + 2%; +10 % is no more than twice + 5 %.
        assertThat(clearSlowdowns(rows)).extracting(row -> row.slowdown() + " " + row.rule().expression())
                .contains("1.2 p(95) < baseline", "1.2 p(95) < baseline + 2%", "1.1 p(95) < baseline + 2%")
                .doesNotContain("1.1 p(95) < baseline");
        assertThat(clearSlowdowns(rows)).allMatch(row -> row.rates().passRate() <= 0.05);
    }

    private static List<Row> clearSlowdowns(List<Row> rows) {
        return rows.stream().filter(row -> row.slowdown() > 1.0 && row.clearlyBeyondTwiceTheAllowance()).toList();
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
        NoiseLab lab = new NoiseLab("made-up", "jmeter", runs);
        SeriesKey overall = SeriesKey.of("http_req_duration");

        NoiseReplay.Rates unchanged = replay(lab, overall, RULES.get(0), 1, 1.0, 1).orElseThrow();
        NoiseReplay.Rates slower = replay(lab, overall, RULES.get(0), 1, 1.2, 2).orElseThrow();

        assertThat(lab.noise(overall, P95).orElseThrow()).isBetween(0.008, 0.024);
        assertThat(unchanged.trials()).isEqualTo(TRIALS);
        assertThat(unchanged.regressionRate()).isLessThanOrEqualTo(0.01);
        assertThat(slower.regressionRate()).isEqualTo(1);
        assertThat(replay(lab, overall, RULES.get(0), 3, 1.2, 3)).isPresent();
        assertThat(replay(new NoiseLab("small", "jmeter", Map.of(1.0, runs.get(1.0).subList(0, 12))), overall,
                RULES.get(0), 1, 1.0, 4)).isEmpty();
    }

    /**
     * A lab recorded as the recorder does it (20 unchanged runs, 8 at each slowdown) gives one README row
     * per run count, in the README table's columns: +5 % fails sometimes, +20 % always, the detectable
     * change is the one the report states for the lab's noise.
     */
    @Test
    void shouldWriteTheReadmeRowsOfARecordedLabInTheReadmeTablesColumns() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        NoiseModel noise = NoiseModel.logNormal("measured", 0.016);
        Map<Double, List<RunRecord>> runs = new TreeMap<>();
        runs.put(1.0, records(noise, 1.0, 20, random));
        for (double slowdown : README_SLOWDOWNS) {
            runs.put(slowdown, records(noise, slowdown, 8, random));
        }
        NoiseLab lab = new NoiseLab("made-up", "jmeter", runs);

        List<ErrorRateRow> rows = readmeRows(lab, rows(lab, 10));

        double spread = lab.noise(OVERALL, P95).orElseThrow();
        assertThat(rows).extracting(ErrorRateRow::mode).containsExactly("1", "median of 3");
        for (ErrorRateRow row : rows) {
            assertThat(row.source()).isEqualTo("recorded (JMeter, demo service)");
            assertThat(row.noise()).isEqualTo("made-up, " + ErrorRateRow.percent(spread));
            assertThat(row.unchanged().regressionRate()).isLessThanOrEqualTo(0.01);
            assertThat(row.plus20().getAsDouble()).isEqualTo(1);
            assertThat(row.plus5().getAsDouble()).isBetween(0.0, 1.0);
            assertThat(row.markdown().split(" \\| ", -1)).hasSize(ErrorRateRow.columns());
        }
        assertThat(rows.get(0).detectable()).isEqualTo(ErrorRateRow.detectable(spread, Mode.history(1, 10)));
        assertThat(rows.get(0).markdown()).startsWith("| recorded (JMeter, demo service) | made-up, "
                + ErrorRateRow.percent(spread) + " | 1 | " + ErrorRateRow.percent(rows.get(0).unchanged()
                        .regressionRate()) + " | ");
        // A lab without runs at a slowdown leaves its column empty; one without enough unchanged runs, the rows.
        Map<Double, List<RunRecord>> withoutFivePercent = new TreeMap<>(runs);
        withoutFivePercent.remove(1.05);
        NoiseLab partial = new NoiseLab("partial", "jmeter", withoutFivePercent);
        assertThat(readmeRows(partial, rows(partial, 10)).get(0).plus5()).isEmpty();
        NoiseLab small = new NoiseLab("small", "k6", Map.of(1.0, runs.get(1.0).subList(0, 12)));
        assertThat(readmeRows(small, rows(small, 10))).isEmpty();
        // The README's table has these columns.
        assertThat(Files.readString(Path.of("..", "README.md")).contains(ErrorRateRow.HEADER))
                .as("README.md holds the error-rate table's header%n%s", ErrorRateRow.HEADER).isTrue();
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
        return replay(lab, series, rule, candidateRuns, slowdown, seed, TRIALS);
    }

    private static Optional<NoiseReplay.Rates> replay(NoiseLab lab, SeriesKey series, RegressionRule rule,
            int candidateRuns, double slowdown, long seed, int trials) {
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
        for (int trial = 0; trial < trials; trial++) {
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
        return Optional.of(new NoiseReplay.Rates(trials, regressions, inconclusive));
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
            text.append("- ").append(lab.name()).append(" (").append(lab.loadTool()).append("): ");
            lab.runsBySlowdown().forEach((slowdown, runs) -> {
                text.append(runs.size()).append(runs.size() == 1 ? " run at " : " runs at ")
                        .append(String.format(Locale.ROOT, "%.2f", slowdown));
                if (slowdown != 1.0) {
                    lab.change(slowdown, OVERALL, P95).ifPresent(change -> text.append(" (p(95) ")
                            .append(String.format(Locale.ROOT, "%+.1f%%", change * 100)).append(")"));
                }
                text.append(", ");
            });
            text.setLength(text.length() - 2);
            OptionalDouble noise = lab.noise(OVERALL, P95);
            text.append(noise.isPresent() ? "; p(95) of http_req_duration varies by " + percent(noise.getAsDouble())
                    + " from run to run\n" : "; too few unchanged runs to tell how p(95) varies\n");
        }
        if (ROWS.isEmpty()) {
            return text.append("\nNo lab has ").append(BASELINE_RUNS + 3).append(" unchanged runs yet; record one ")
                    .append("with bench/noise-lab/record.sh.\n").toString();
        }
        text.append("\n## README rows\n\nRule `p(95) < baseline` on http_req_duration, ").append(BASELINE_RUNS)
                .append(" baseline runs; the slowdowns 1.05, 1.10, 1.20 are the columns +5 %, +10 %, +20 %.\n\n")
                .append(ErrorRateRow.HEADER);
        for (NoiseLab lab : LABS) {
            readmeRows(lab, ROWS).forEach(row -> text.append(row.markdown()));
        }
        text.append("\n## Every series and rule\n");
        text.append("\nTen unchanged runs as the baseline, the candidate one run or the median of three of the ")
                .append("slowdown shown. ").append(TRIALS).append(" draws per row. Share failed (undecided).\n\n")
                .append("| lab | series | p(95) noise | rule | runs per build | slowdown | p(95) moved | ")
                .append("failed (undecided) |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            text.append("| ").append(row.lab()).append(" | ").append(row.series()).append(" | ")
                    .append(percent(row.noise())).append(" | `").append(row.rule().expression()).append("` | ")
                    .append(row.candidateRuns() == 1 ? "1" : "median of " + row.candidateRuns()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", row.slowdown())).append(" | ")
                    .append(Double.isNaN(row.change()) ? "-" : String.format(Locale.ROOT, "%+.1f%%", row.change() * 100))
                    .append(" | ").append(percent(row.rates().regressionRate())).append(" (")
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
