package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ScheduledRunTest {

    @Test
    void shouldRunTheOnlyRunInTheScriptsFolder() {
        assertThat(ScheduledRun.schedule(1, false)).singleElement().satisfies(run -> {
            assertThat(run.isOnlyRun()).isTrue();
            assertThat(run.folder()).isEmpty();
            assertThat(run.describe()).isEmpty();
        });
    }

    @Test
    void shouldNumberRepeatedRunsAndTheirFolders() {
        assertThat(ScheduledRun.schedule(3, false))
                .extracting(ScheduledRun::role, ScheduledRun::round, ScheduledRun::folder, ScheduledRun::describe)
                .containsExactly(tuple(RunRole.CANDIDATE, 1, "run-1", "run 1 of 3"),
                        tuple(RunRole.CANDIDATE, 2, "run-2", "run 2 of 3"),
                        tuple(RunRole.CANDIDATE, 3, "run-3", "run 3 of 3"));
    }

    @Test
    void shouldAlternateWhichSideOfAnABRoundGoesFirst() {
        assertThat(ScheduledRun.schedule(4, true)).extracting(ScheduledRun::folder).containsExactly(
                "baseline-1", "candidate-1", "candidate-2", "baseline-2",
                "baseline-3", "candidate-3", "candidate-4", "baseline-4");
        assertThat(ScheduledRun.schedule(4, true).get(3).describe()).isEqualTo("round 2 of 4, baseline");
    }

    @Test
    void shouldGiveASingleABRoundFoldersOfItsOwn() {
        assertThat(ScheduledRun.schedule(1, true)).extracting(ScheduledRun::folder, ScheduledRun::isOnlyRun)
                .containsExactly(tuple("baseline-1", false), tuple("candidate-1", false));
    }

    @Test
    void shouldRefuseRoundsThatDoNotExist() {
        assertThatThrownBy(() -> ScheduledRun.schedule(0, false))
                .hasMessage("a script runs at least once, not 0 times");
        assertThatThrownBy(() -> new ScheduledRun(RunRole.CANDIDATE, 4, 3, false))
                .hasMessage("round 4 of 3 does not exist");
        assertThatThrownBy(() -> new ScheduledRun(RunRole.BASELINE, 1, 3, false))
                .hasMessage("baseline runs exist only in the interleaved A/B mode");
    }

    @Test
    void shouldReadTheRolesAsTheRecordWritesThem() {
        assertThat(RunRole.ofId("candidate")).isEqualTo(RunRole.CANDIDATE);
        assertThat(RunRole.ofId(RunRole.BASELINE.id())).isEqualTo(RunRole.BASELINE);
        assertThatThrownBy(() -> RunRole.ofId("Baseline"))
                .hasMessage("'Baseline' is no run role: write candidate or baseline");
    }
}
