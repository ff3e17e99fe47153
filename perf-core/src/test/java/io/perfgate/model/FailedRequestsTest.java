package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FailedRequestsTest {

    private static FailedRequests.StatusCount status(String status, long count) {
        return new FailedRequests.StatusCount(status, count);
    }

    @Test
    void shouldCountTheFailuresByStatusAgainstTheBaseline() {
        FailedRequests failures = FailedRequests.of(1212, 65, OptionalDouble.of(0.003), Optional.of("5 runs of main"),
                List.of(status("503", 52), status("0", 10)));

        assertThat(failures.rate()).isEqualTo(65.0 / 1212);
        assertThat(failures.otherFailures()).isEqualTo(3);
        assertThat(failures.sentence()).isEqualTo("failed requests 0.3% → 5.363% against the baseline of 5 runs of "
                + "main: 65 of 1212, by status 503 ×52, 0 (no response) ×10, other ×3");
    }

    @Test
    void shouldCountTheFailuresOfARunWithoutBaselineOrStatuses() {
        FailedRequests failures = FailedRequests.of(400, 4, OptionalDouble.empty(), Optional.empty(), List.of());

        assertThat(failures.sentence()).isEqualTo("failed requests 1%: 4 of 400");
    }

    @Test
    void shouldPutAResponseCodeOfJmeterOnOneShortLine() {
        FailedRequests failures = FailedRequests.of(10, 1, OptionalDouble.empty(), Optional.empty(), List.of(
                status("Non HTTP response code: java.net.SocketTimeoutException\nRead timed out", 1)));

        assertThat(failures.sentence()).isEqualTo("failed requests 10%: 1 of 10, by status Non HTTP response code: "
                + "java.net.Socket… ×1");
    }

    @Test
    void shouldRefuseCountsThatDoNotAddUp() {
        assertThatThrownBy(() -> FailedRequests.of(10, 11, OptionalDouble.empty(), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 of 10");
        assertThatThrownBy(() -> FailedRequests.of(10, 2, OptionalDouble.empty(), Optional.empty(),
                List.of(status("500", 3)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailedRequests.of(10, 2, OptionalDouble.of(0.1), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly when");
        assertThatThrownBy(() -> FailedRequests.of(10, 2, OptionalDouble.of(1.5), Optional.of("main"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> status("500", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
