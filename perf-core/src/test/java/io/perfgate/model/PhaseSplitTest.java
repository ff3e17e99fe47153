package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.stats.Statistic;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PhaseSplitTest {

    private static final Statistic P95 = Statistic.percentile(95);

    private static PhaseSplit.Phase phase(String metric, double observed, double baseline) {
        return new PhaseSplit.Phase(metric, observed, OptionalDouble.of(baseline));
    }

    private static PhaseSplit.Phase phase(String metric, double observed) {
        return new PhaseSplit.Phase(metric, observed, OptionalDouble.empty());
    }

    @Test
    void shouldNameThePhasesThatMovedMostFirstAndTheRestUnchanged() {
        PhaseSplit split = PhaseSplit.of(P95, Optional.of("5 runs of main"), phase("http_req_duration", 34, 24.19),
                List.of(phase("http_req_blocked", 0.011, 0.01), phase("http_req_connecting", 0, 0),
                        phase("http_req_sending", 0.05, 0.04), phase("http_req_waiting", 33.1, 23.0),
                        phase("http_req_receiving", 1.9, 0.4)));

        assertThat(split.sentence()).isEqualTo("p(95) +41% against the baseline of 5 runs of main (24.19 → 34 ms): "
                + "waiting +44% (23 → 33.1 ms), receiving +375% (0.4 → 1.9 ms); blocked, connecting, sending unchanged");
    }

    @Test
    void shouldCallAPhaseUnchangedWhenItMovedTooLittleToExplainTheLatency() {
        // connecting +50% is 0.1 ms of a 24 ms latency: it cannot be why the latency went up
        PhaseSplit split = PhaseSplit.of(P95, Optional.of("5 runs of main"), phase("http_req_duration", 34, 24),
                List.of(phase("http_req_connecting", 0.3, 0.2), phase("http_req_waiting", 33.5, 23.6)));

        assertThat(split.sentence()).endsWith(": waiting +42% (23.6 → 33.5 ms); connecting unchanged");
    }

    @Test
    void shouldPointAtTheNetworkWhenConnectingTookTheTime() {
        PhaseSplit split = PhaseSplit.of(Statistic.AVG, Optional.of("run 17 of main (pinned)"),
                phase("http_req_duration", 12, 12), List.of(phase("http_req_connecting", 40, 1.5),
                        phase("http_req_tls_handshaking", 0, 0), phase("http_req_waiting", 11.8, 11.7)));

        assertThat(split.sentence()).isEqualTo("avg 0% against the baseline of run 17 of main (pinned) (12 → 12 ms): "
                + "connecting +2567% (1.5 → 40 ms); tls_handshaking, waiting unchanged");
    }

    @Test
    void shouldTellAPhaseThatStartedFromNothing() {
        PhaseSplit split = PhaseSplit.of(P95, Optional.of("3 runs of main"), phase("http_req_duration", 40, 20),
                List.of(phase("http_req_tls_handshaking", 18, 0), phase("http_req_waiting", 20, 20)));

        assertThat(split.sentence()).endsWith(": tls_handshaking up from 0 (0 → 18 ms); waiting unchanged");
    }

    @Test
    void shouldSayWhichPhasesTheBaselineDidNotKeep() {
        PhaseSplit split = PhaseSplit.of(P95, Optional.of("5 runs of main"), phase("http_req_duration", 34, 24),
                List.of(phase("http_req_connecting", 0.2), phase("http_req_waiting", 33.5, 23.6)));

        assertThat(split.sentence()).endsWith(": waiting +42% (23.6 → 33.5 ms); connecting 200 µs (not in the baseline)");
    }

    @Test
    void shouldGiveTheRunsOwnSplitWithoutABaseline() {
        PhaseSplit split = PhaseSplit.of(P95, Optional.empty(), phase("http_req_duration", 229.3), List.of(
                phase("http_req_blocked", 0), phase("http_req_connecting", 0), phase("http_req_sending", 0.05),
                phase("http_req_waiting", 228.1), phase("http_req_receiving", 1.2)));

        assertThat(split.sentence()).isEqualTo("p(95) of the timing phases, no baseline to compare with: waiting "
                + "228.1 ms, receiving 1.2 ms, sending 50 µs; blocked, connecting 0 ms");
    }

    @Test
    void shouldRefuseValuesThatDoNotFit() {
        PhaseSplit.Phase withBaseline = phase("http_req_waiting", 3, 2);
        PhaseSplit.Phase without = phase("http_req_waiting", 3);

        assertThatThrownBy(() -> PhaseSplit.of(P95, Optional.empty(), phase("http_req_duration", 3), List.of(withBaseline)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no baseline");
        assertThatThrownBy(() -> PhaseSplit.of(P95, Optional.of("5 runs of main"), phase("http_req_duration", 3),
                List.of(without))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhaseSplit.of(P95, Optional.empty(), phase("http_req_duration", 3), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one phase");
        assertThatThrownBy(() -> phase("http_req_waiting", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> phase("http_req_waiting", 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(without.name()).isEqualTo("waiting");
    }
}
