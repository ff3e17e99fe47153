package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatementPlanTest {

    private static StatementPlan plan(String hash, String shape) {
        return new StatementPlan(hash, shape, "");
    }

    @Test
    void shouldNameTheRelationsScannedAnotherWay() {
        StatementPlan before = plan("0000000000000001", "Nested Loop: Seq Scan on rooms, Index Scan on bookings");
        StatementPlan now = plan("0000000000000002", "Nested Loop: Seq Scan on rooms, Seq Scan on bookings");

        assertThat(now.changeFrom(before)).contains("Index Scan → Seq Scan on bookings");
    }

    @Test
    void shouldNameTheTopNodeWhenTheScansStayedAndOtherwiseSayTheTreeBelowChanged() {
        StatementPlan hashed = plan("0000000000000001", "Hash Join: Seq Scan on rooms, Seq Scan on bookings");
        StatementPlan looped = plan("0000000000000002", "Nested Loop: Seq Scan on rooms, Seq Scan on bookings");
        StatementPlan reordered = plan("0000000000000003", "Hash Join: Seq Scan on rooms, Seq Scan on bookings");

        assertThat(looped.changeFrom(hashed)).contains("Hash Join → Nested Loop");
        assertThat(reordered.changeFrom(hashed)).contains("another tree below Hash Join");
        assertThat(hashed.changeFrom(plan("0000000000000001", "whatever"))).as("the same hash").isEmpty();
    }

    @Test
    void shouldReadAShapeWithoutScans() {
        assertThat(plan("0000000000000002", "Result").changeFrom(plan("0000000000000001", "Limit")))
                .contains("Limit → Result");
    }

    @Test
    void shouldKeepOnlyTheShapeForTheHistoryAndRefuseAHashThatIsNone() {
        StatementPlan full = new StatementPlan("00ff00ff00ff00ff", "Result", "[{\"Plan\": {\"Node Type\": \"Result\"}}]");

        assertThat(full.shapeOnly()).isEqualTo(plan("00ff00ff00ff00ff", "Result"));
        assertThatThrownBy(() -> plan("XYZ", "Result")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 hex digits");
    }
}
