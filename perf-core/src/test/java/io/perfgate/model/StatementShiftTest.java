package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatementShiftTest {

    @Test
    void shouldTellTheCallsPerRequestAndMeanTimeBeforeAndNow() {
        StatementShift shift = StatementShift.of(7, "SELECT id,\n       name\n  FROM guests\n WHERE id = $1", 100.7,
                0.019, 0.4, OptionalDouble.of(0.021), Optional.empty(), "5 runs of main");

        assertThat(shift.newSinceBaseline()).isFalse();
        assertThat(shift.sentence()).isEqualTo("\"SELECT id, name FROM guests WHERE id = $1\": 0.4 → 100.7 calls per "
                + "request, mean 21 → 19 µs, against the baseline of 5 runs of main");
    }

    @Test
    void shouldNameAStatementNewSinceTheBaselineAndCutALongText() {
        String query = "SELECT " + "a_column, ".repeat(20) + "z FROM wide WHERE id = $1";
        StatementShift shift = StatementShift.of(7, query, 2, 1.5, 0, OptionalDouble.empty(), Optional.empty(),
                "run 9 of main (pinned)");

        assertThat(shift.newSinceBaseline()).isTrue();
        assertThat(shift.sentence()).startsWith("\"SELECT a_column, a_column,").contains("…\": new since the baseline"
                + " of run 9 of main (pinned), 2 calls per request, mean 1.5 ms");
    }

    @Test
    void shouldNameAStatementWhoseTextWasLostByItsQueryId() {
        StatementShift shift = StatementShift.of(-42, "", 1, 1, 0, OptionalDouble.empty(), Optional.empty(),
                "5 runs of main");

        assertThat(shift.sentence()).startsWith("\"(text unknown, queryid -42)\": new since the baseline")
                .contains(", 1 call per request,");
    }

    @Test
    void shouldSayWhenThePlanChangedSinceTheBaseline() {
        StatementShift shift = StatementShift.of(7, "SELECT * FROM bookings WHERE guest_id = $1", 1, 4.1, 1,
                OptionalDouble.of(0.04), Optional.of("Index Scan → Seq Scan on bookings"), "5 runs of main");

        assertThat(shift.sentence()).isEqualTo("\"SELECT * FROM bookings WHERE guest_id = $1\": 1 → 1 calls per request,"
                + " mean 0.04 → 4.1 ms, against the baseline of 5 runs of main; the plan changed since the baseline"
                + " (Index Scan → Seq Scan on bookings)");
    }

    @Test
    void shouldRefuseABaselineMeanTimeThatDoesNotFitItsCalls() {
        assertThatThrownBy(() -> StatementShift.of(1, "SELECT 1", 1, 1, 0, OptionalDouble.of(1), Optional.empty(), "main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly when");
        assertThatThrownBy(() -> StatementShift.of(1, "SELECT 1", 1, 1, 2, OptionalDouble.empty(), Optional.empty(), "main"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementShift.of(1, "SELECT 1", -1, 1, 2, OptionalDouble.of(1), Optional.empty(), "main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callsPerRequest");
    }
}
