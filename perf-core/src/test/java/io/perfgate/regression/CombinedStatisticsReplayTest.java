package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Would a more stable per-run statistic than p(95), or p(95) combined over a run's series, catch a +5 %
 * slowdown of the overall series in one run per build? Runs are simulated request by request (1,360
 * requests, as in the measured k6 runs), so the statistics of one run share their sampling noise as real
 * ones do; the run's machine adds a factor common to all its requests. Two calibrations, both giving the
 * measured CV of p(95) of 1.6 %: most of it from sampling (log-normal requests, σ 0.19, machine 0.72 %),
 * and most of it from the machine (σ 0.11, machine 1.35 %). Each candidate statistic goes through the
 * same check as p(95) (10 baseline runs, one run per build, {@code + 2%} so the allowance does not
 * hide the test). The table goes to {@code <build folder>/regression/combined-statistics.md}.
 *
 * <p>The finding, kept by the assertions. A trimmed mean of per-run high quantiles is hardly steadier
 * than p(95) (its quantiles share their sampling noise): it catches +5 % in about 54 % of builds instead
 * of 42 % when sampling dominates, 45 % instead of 41 % when the machine does. Averaging the endpoints'
 * p(95), or p(95) with the mean latency, reaches 64 % and 76 % only when sampling dominates, and that
 * calibration makes the mean latency far steadier than p(95) (0.9 % against 1.6 %), which the measured
 * runs contradict: their mean varies by 1.6 %, as p(95) does. In the calibration that matches them
 * (mostly machine: the mean varies by 1.4 %), every statistic stays near or below 50 %. So nothing is
 * adopted: the checks keep the rule's own statistic, and recorded runs can settle which calibration
 * is real.
 */
class CombinedStatisticsReplayTest {

    private static final int REQUESTS = 1_360;
    private static final int BASELINE_RUNS = 10;
    private static final int NULL_TRIALS = 2_000;
    private static final int CHANGE_TRIALS = 1_000;
    private static final RegressionRule TWO_PERCENT = RegressionRule.of(Statistic.percentile(95), "<",
            "baseline + 2%");
    /** Four endpoints' typical latencies (ms) and shares of the requests. */
    private static final double[] ENDPOINT_MS = {30, 50, 80, 120};

    /** Request-level noise: the spread of one request's log latency, and of the run's machine factor. */
    record Calibration(String name, double requestSigma, double machineSigma) {
    }

    static final Calibration SAMPLING = new Calibration("mostly sampling (requests σ 0.19, machine 0.72%)", 0.19,
            0.0072);
    static final Calibration MACHINE = new Calibration("mostly machine (requests σ 0.11, machine 1.35%)", 0.11,
            0.0135);

    /** One run's requests, by endpoint. */
    record Run(double[][] byEndpoint, double[] all) {
    }

    private static final Map<String, ToDoubleFunction<Run>> STATISTICS = new LinkedHashMap<>();

    static {
        STATISTICS.put("p(95) (the rule's statistic)", run -> quantile(run.all(), 0.95));
        STATISTICS.put("trimmed mean of log p(90)..p(99)", run -> {
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                sum += Math.log(quantile(run.all(), 0.90 + 0.01 * k));
            }
            return Math.exp(sum / 10);
        });
        STATISTICS.put("mean above p(90)", run -> {
            double[] sorted = run.all();
            int from = (int) Math.ceil(0.9 * sorted.length);
            return Arrays.stream(sorted, from, sorted.length).average().orElseThrow();
        });
        STATISTICS.put("p(95) and avg, geometric mean", run -> Math.sqrt(quantile(run.all(), 0.95)
                * Arrays.stream(run.all()).average().orElseThrow()));
        STATISTICS.put("avg alone", run -> Arrays.stream(run.all()).average().orElseThrow());
        STATISTICS.put("p(95) of each endpoint, geometric mean", run -> {
            double sum = 0;
            for (double[] endpoint : run.byEndpoint()) {
                sum += Math.log(quantile(endpoint, 0.95));
            }
            return Math.exp(sum / run.byEndpoint().length);
        });
    }

    record Row(Calibration calibration, String statistic, double spread, double falseAlarms, double caught) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    @BeforeAll
    static void replay() throws IOException, URISyntaxException {
        long seed = 50;
        List<String> names = List.copyOf(STATISTICS.keySet());
        for (Calibration calibration : List.of(SAMPLING, MACHINE)) {
            double[] spreads = spreads(calibration, seed++);
            double[] falseAlarms = failed(calibration, 0, NULL_TRIALS, seed++);
            double[] caught = failed(calibration, 0.05, CHANGE_TRIALS, seed++);
            for (int s = 0; s < names.size(); s++) {
                ROWS.add(new Row(calibration, names.get(s), spreads[s], falseAlarms[s], caught[s]));
            }
        }
        Path table = buildFolder().resolve("regression/combined-statistics.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, table(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldCalibrateBothModelsToTheMeasuredNoiseOfP95() {
        for (Calibration calibration : List.of(SAMPLING, MACHINE)) {
            assertThat(row(calibration, "p(95) (the rule's statistic)").spread()).isBetween(0.014, 0.018);
        }
    }

    @Test
    void shouldNotRaiseFalseAlarmsWithAnyStatistic() {
        ROWS.forEach(row -> assertThat(row.falseAlarms()).as(row.toString()).isLessThanOrEqualTo(0.01));
    }

    @Test
    void shouldFindTrimmedHighQuantilesHardlySteadierThanP95() {
        for (Calibration calibration : List.of(SAMPLING, MACHINE)) {
            Row p95 = row(calibration, "p(95) (the rule's statistic)");
            for (String steadier : List.of("trimmed mean of log p(90)..p(99)", "mean above p(90)")) {
                Row row = row(calibration, steadier);
                assertThat(row.spread()).as(row.toString()).isGreaterThan(0.85 * p95.spread());
                assertThat(row.caught()).as(row.toString()).isLessThan(p95.caught() + 0.15);
            }
        }
    }

    @Test
    void shouldCatchFivePercentInThreeBuildsOfFourOnlyWhereTheMeanIsFarSteadierThanMeasured() {
        Row sampledP95 = row(SAMPLING, "p(95) (the rule's statistic)");
        assertThat(row(SAMPLING, "avg alone").spread()).isLessThan(0.7 * sampledP95.spread());
        Row machineP95 = row(MACHINE, "p(95) (the rule's statistic)");
        assertThat(row(MACHINE, "avg alone").spread()).isGreaterThan(0.8 * machineP95.spread());
        ROWS.stream().filter(row -> row.calibration() == MACHINE)
                .forEach(row -> assertThat(row.caught()).as(row.toString()).isLessThan(0.6));
    }

    private static Row row(Calibration calibration, String statistic) {
        return ROWS.stream().filter(row -> row.calibration() == calibration && row.statistic().equals(statistic))
                .findFirst().orElseThrow();
    }

    /** Each statistic's standard deviation of its log over unchanged runs. */
    private static double[] spreads(Calibration calibration, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int runs = 1_000;
        double[][] logs = new double[STATISTICS.size()][runs];
        for (int i = 0; i < runs; i++) {
            double[] values = statistics(run(calibration, 1, random));
            for (int s = 0; s < values.length; s++) {
                logs[s][i] = Math.log(values[s]);
            }
        }
        double[] spreads = new double[logs.length];
        for (int s = 0; s < logs.length; s++) {
            double mean = Arrays.stream(logs[s]).average().orElseThrow();
            spreads[s] = Math.sqrt(Arrays.stream(logs[s]).map(log -> (log - mean) * (log - mean)).sum() / (runs - 1));
        }
        return spreads;
    }

    /**
     * For each statistic, the share of builds whose check of it fails, with every request {@code change}
     * slower; all statistics see the same runs.
     */
    private static double[] failed(Calibration calibration, double change, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RegressionSettings settings = RegressionSettings.defaults();
        int[] failures = new int[STATISTICS.size()];
        for (int trial = 0; trial < trials; trial++) {
            List<double[]> baseline = new ArrayList<>();
            for (int i = 0; i < BASELINE_RUNS; i++) {
                baseline.add(statistics(run(calibration, 1, random)));
            }
            double[] candidate = statistics(run(calibration, 1 + change, random));
            for (int s = 0; s < failures.length; s++) {
                int statistic = s;
                List<Double> values = baseline.stream().map(run -> run[statistic]).toList();
                if (RegressionCheck.againstHistory(TWO_PERCENT, "main", values, List.of(candidate[s]), settings)
                        .isRegression()) {
                    failures[s]++;
                }
            }
        }
        return Arrays.stream(failures).mapToDouble(count -> (double) count / trials).toArray();
    }

    private static double[] statistics(Run run) {
        return STATISTICS.values().stream().mapToDouble(statistic -> statistic.applyAsDouble(run)).toArray();
    }

    /** One run: every request of every endpoint log-normal around its typical latency, times the machine. */
    private static Run run(Calibration calibration, double slowdown, SplittableRandom random) {
        double machine = slowdown * Math.exp(calibration.machineSigma() * gaussian(random));
        int perEndpoint = REQUESTS / ENDPOINT_MS.length;
        double[][] byEndpoint = new double[ENDPOINT_MS.length][perEndpoint];
        double[] all = new double[REQUESTS];
        for (int e = 0; e < ENDPOINT_MS.length; e++) {
            for (int i = 0; i < perEndpoint; i++) {
                double latency = ENDPOINT_MS[e] * machine * Math.exp(calibration.requestSigma() * gaussian(random));
                byEndpoint[e][i] = latency;
                all[e * perEndpoint + i] = latency;
            }
            Arrays.sort(byEndpoint[e]);
        }
        Arrays.sort(all);
        return new Run(byEndpoint, all);
    }

    /** The p-quantile of sorted values, as k6 takes it (the value at rank ⌈p·n⌉). */
    private static double quantile(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    private static double gaussian(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    private static String table() {
        StringBuilder text = new StringBuilder("# A steadier statistic than p(95)?\n\n")
                .append("Request-level runs (1,360 requests, four endpoints), 10 baseline runs, one run per build, ")
                .append("rule `+ 2%`, default settings. ").append(NULL_TRIALS).append(" builds without change, ")
                .append(CHANGE_TRIALS).append(" with every request 5% slower.\n\n")
                .append("| noise | statistic | run-to-run spread | no change: failed | +5%: failed |\n")
                .append("|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            text.append("| ").append(row.calibration().name()).append(" | ").append(row.statistic()).append(" | ")
                    .append(percent(row.spread())).append(" | ").append(percent(row.falseAlarms())).append(" | ")
                    .append(percent(row.caught())).append(" |\n");
        }
        return text.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static Path buildFolder() throws URISyntaxException {
        return Path.of(CombinedStatisticsReplayTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }
}
