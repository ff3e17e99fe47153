package io.perfgate.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.model.StatementPlan;
import org.junit.jupiter.api.Test;

class PlanShapesTest {

    /** A join as EXPLAIN (GENERIC_PLAN, FORMAT JSON) writes it, with {@code cost} and {@code rows} to vary. */
    private static String join(String cost, String rows, String innerScan, String relation) {
        return """
                [
                  {
                    "Plan": {
                      "Node Type": "Nested Loop",
                      "Join Type": "Inner",
                      "Total Cost": %s,
                      "Plan Rows": %s,
                      "Plans": [
                        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "bookings",
                         "Alias": "b", "Total Cost": %s, "Plan Rows": %s},
                        {"Node Type": "%s", "Parent Relationship": "Inner", "Relation Name": "%s",
                         "Index Name": "guests_pkey", "Alias": "g", "Total Cost": 0.29, "Plan Rows": 1}
                      ]
                    }
                  }
                ]""".formatted(cost, rows, cost, rows, innerScan, relation);
    }

    @Test
    void shouldReadTheTopNodeAndEachRelationsScan() {
        StatementPlan plan = PlanShapes.of(join("42.5", "10", "Index Scan", "guests"));

        assertThat(plan.shape()).isEqualTo("Nested Loop: Seq Scan on bookings, Index Scan on guests");
        assertThat(plan.shapeHash()).matches("[0-9a-f]{16}");
        assertThat(plan.text()).isEqualTo(join("42.5", "10", "Index Scan", "guests"));
    }

    @Test
    void shouldGiveTheSameHashWhateverTheCostsAndEstimates() {
        assertThat(PlanShapes.of(join("42.5", "10", "Index Scan", "guests")).shapeHash())
                .isEqualTo(PlanShapes.of(join("9000.1", "350000", "Index Scan", "guests")).shapeHash());
    }

    @Test
    void shouldGiveAnotherHashForAnotherScanOrRelation() {
        String indexed = PlanShapes.of(join("42.5", "10", "Index Scan", "guests")).shapeHash();

        assertThat(PlanShapes.of(join("42.5", "10", "Index Only Scan", "guests")).shapeHash()).isNotEqualTo(indexed);
        assertThat(PlanShapes.of(join("42.5", "10", "Index Scan", "guests_archive")).shapeHash()).isNotEqualTo(indexed);
    }

    @Test
    void shouldRefuseWhatIsNotAPlan() {
        assertThatThrownBy(() -> PlanShapes.of("QUERY PLAN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the plan is not JSON");
        assertThatThrownBy(() -> PlanShapes.of("[{\"Plan\": {}}]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan is not an EXPLAIN (FORMAT JSON) plan");
    }
}
