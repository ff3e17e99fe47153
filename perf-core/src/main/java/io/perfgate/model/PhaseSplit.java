package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where the time of an HTTP latency went: the line's statistic of each of k6's timing phases of the
 * same requests ({@code http_req_blocked}, {@code _connecting}, {@code _tls_handshaking},
 * {@code _sending}, {@code _waiting}, {@code _receiving}), against the baseline where there is one.
 * Waiting up with connecting unchanged points at the server; connecting, TLS or blocked up at the
 * network or the load generator. JMeter's {@code Latency} and {@code Connect} columns give waiting
 * (which then includes the connect time) and connecting. Percentiles of the phases do not add up to
 * the latency's; each tells how its own phase moved.
 *
 * @param statistic the line's statistic, taken of every phase as well
 * @param baseline  what this run is compared with, e.g. {@code 5 runs of main}; empty when there is no
 *                  baseline, and then the split is this run's own
 * @param total     the latency itself, {@code http_req_duration}; its baseline value is present exactly
 *                  when {@code baseline} is
 * @param phases    the phases the results hold, in k6's order; a phase's baseline value may be missing
 *                  where the baseline runs did not keep it
 * @param sentence  the sentence, see {@link #of}
 */
public record PhaseSplit(Statistic statistic, Optional<String> baseline, Phase total, List<Phase> phases,
        String sentence) implements Explanation {

    /** The phases in k6's order, as metric names. */
    public static final List<String> PHASE_METRICS = List.of("http_req_blocked", "http_req_connecting",
            "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving");

    /** A phase that moved by less than this share of the latency's baseline value cannot explain its change. */
    static final double SHARE_OF_TOTAL = 0.02;

    /**
     * One series' value.
     *
     * @param metric   e.g. {@code http_req_waiting}
     * @param observed this run's value, milliseconds
     * @param baseline the baseline's value, milliseconds; empty without one
     */
    public record Phase(String metric, double observed, OptionalDouble baseline) {

        public Phase {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(baseline, "baseline");
            if (!Double.isFinite(observed) || observed < 0) {
                throw new IllegalArgumentException(metric + " observed is not a time: " + observed);
            }
            if (baseline.isPresent() && (!Double.isFinite(baseline.getAsDouble()) || baseline.getAsDouble() < 0)) {
                throw new IllegalArgumentException(metric + " baseline is not a time: " + baseline.getAsDouble());
            }
        }

        /** {@code waiting} for {@code http_req_waiting}. */
        public String name() {
            return metric.startsWith("http_req_") ? metric.substring("http_req_".length()) : metric;
        }
    }

    public PhaseSplit {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(total, "total");
        phases = List.copyOf(phases);
        Objects.requireNonNull(sentence, "sentence");
        if (baseline.isPresent() != total.baseline().isPresent()) {
            throw new IllegalArgumentException("the total has a baseline value exactly when there is a baseline");
        }
        if (baseline.isEmpty() && phases.stream().anyMatch(phase -> phase.baseline().isPresent())) {
            throw new IllegalArgumentException("a phase has a baseline value but the split has no baseline");
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a split needs at least one phase");
        }
    }

    /**
     * The split with its sentence. Against a baseline: {@code p(95) +41% against the baseline of 5 runs of
     * main (24.19 → 34 ms): waiting +44% (23.6 → 33.98 ms); blocked, connecting, receiving, sending,
     * tls_handshaking unchanged}, the phases that moved most first. A phase is unchanged when it moved by
     * less than {@value #SHARE_OF_TOTAL} of the latency's baseline value, too little to explain a change of
     * the latency, however large its own relative change (0.2 to 0.3 ms is +50%). Without a baseline: {@code p(95) of the timing phases, no
     * baseline to compare with: waiting 228.1 ms, receiving 310 µs; blocked, connecting 0 ms}.
     */
    public static PhaseSplit of(Statistic statistic, Optional<String> baseline, Phase total, List<Phase> phases) {
        PhaseSplit checked = new PhaseSplit(statistic, baseline, total, phases, "");
        return new PhaseSplit(statistic, baseline, total, phases, sentence(statistic, baseline, total,
                checked.phases()));
    }

    private static String sentence(Statistic statistic, Optional<String> baseline, Phase total, List<Phase> phases) {
        if (baseline.isEmpty()) {
            List<String> moved = new ArrayList<>();
            List<String> zero = new ArrayList<>();
            phases.stream().sorted(Comparator.comparingDouble(Phase::observed).reversed()).forEach(phase -> {
                if (phase.observed() > 0) {
                    moved.add(phase.name() + " " + time(phase.observed()));
                } else {
                    zero.add(phase.name());
                }
            });
            StringBuilder text = new StringBuilder(statistic + " of the timing phases, no baseline to compare with: ");
            text.append(String.join(", ", moved));
            if (!zero.isEmpty()) {
                text.append(moved.isEmpty() ? "" : "; ").append(String.join(", ", zero)).append(" 0 ms");
            }
            return text.toString();
        }
        double totalBaseline = total.baseline().getAsDouble();
        StringBuilder text = new StringBuilder(statistic.toString()).append(' ')
                .append(change(total.observed(), totalBaseline)).append(" against the baseline of ")
                .append(baseline.get()).append(" (").append(ChangeText.timePair(totalBaseline, total.observed()))
                .append(')');
        List<Phase> changed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Phase phase : phases) {
            if (phase.baseline().isEmpty()) {
                unknown.add(phase.name() + " " + time(phase.observed()) + " (not in the baseline)");
            } else if (moved(phase, totalBaseline)) {
                changed.add(phase);
            } else {
                unchanged.add(phase.name());
            }
        }
        changed.sort(Comparator.comparingDouble((Phase phase) ->
                Math.abs(phase.observed() - phase.baseline().getAsDouble())).reversed());
        List<String> parts = new ArrayList<>();
        if (!changed.isEmpty()) {
            parts.add(String.join(", ", changed.stream().map(phase -> phase.name() + " "
                    + change(phase.observed(), phase.baseline().getAsDouble()) + " ("
                    + ChangeText.timePair(phase.baseline().getAsDouble(), phase.observed()) + ")").toList()));
        }
        if (!unknown.isEmpty()) {
            parts.add(String.join(", ", unknown));
        }
        if (!unchanged.isEmpty()) {
            parts.add(String.join(", ", unchanged) + " unchanged");
        }
        return text.append(": ").append(String.join("; ", parts)).toString();
    }

    private static boolean moved(Phase phase, double totalBaseline) {
        double difference = Math.abs(phase.observed() - phase.baseline().getAsDouble());
        return difference > 0 && difference >= SHARE_OF_TOTAL * totalBaseline;
    }

    /** {@code +44%}, or {@code up from 0} when there is nothing to take a share of. */
    private static String change(double observed, double baseline) {
        if (baseline > 0) {
            return ChangeText.signed((observed - baseline) / baseline);
        }
        return observed > 0 ? "up from 0" : "0%";
    }


    private static String time(double value) {
        return ValueFormat.value(value, MetricContents.TIME, "");
    }
}
