package io.perfgate.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One k6 run in the schedule of a script: which role it plays, in which round, and the folder below the
 * script's results folder that receives it.
 *
 * <p>The folder layout under {@code <outputDirectory>/<script>/}:
 * <ul>
 *   <li>one run (repeat 1, no A/B): the script's folder itself, as it always was;</li>
 *   <li>repeated runs: {@code run-1/}, {@code run-2/}, ... ({@code run-<round>});</li>
 *   <li>interleaved A/B: {@code baseline-1/}, {@code candidate-1/}, {@code baseline-2/}, ...
 *       ({@code <role>-<round>}).</li>
 * </ul>
 *
 * @param role        candidate, or baseline in A/B mode
 * @param round       1-based: the repetition, or the A/B round that pairs one baseline and one candidate run
 * @param rounds      how many rounds the schedule has
 * @param interleaved whether the schedule is interleaved A/B
 */
public record ScheduledRun(RunRole role, int round, int rounds, boolean interleaved) {

    public ScheduledRun {
        Objects.requireNonNull(role, "role");
        if (rounds < 1 || round < 1 || round > rounds) {
            throw new IllegalArgumentException("round " + round + " of " + rounds + " does not exist");
        }
        if (!interleaved && role == RunRole.BASELINE) {
            throw new IllegalArgumentException("baseline runs exist only in the interleaved A/B mode");
        }
    }

    /**
     * The runs of one script in the order they are made. In A/B mode round 1 runs the baseline first,
     * round 2 the candidate first, and so on: whatever drifts during a round (a warming cache, a
     * neighbour's load) then favours neither side.
     *
     * @param rounds      how often each script runs; in A/B mode the number of rounds
     * @param interleaved whether each round runs the baseline and the candidate
     */
    public static List<ScheduledRun> schedule(int rounds, boolean interleaved) {
        if (rounds < 1) {
            throw new IllegalArgumentException("a script runs at least once, not " + rounds + " times");
        }
        List<ScheduledRun> runs = new ArrayList<>(interleaved ? 2 * rounds : rounds);
        for (int round = 1; round <= rounds; round++) {
            if (!interleaved) {
                runs.add(new ScheduledRun(RunRole.CANDIDATE, round, rounds, false));
            } else if (round % 2 == 1) {
                runs.add(new ScheduledRun(RunRole.BASELINE, round, rounds, true));
                runs.add(new ScheduledRun(RunRole.CANDIDATE, round, rounds, true));
            } else {
                runs.add(new ScheduledRun(RunRole.CANDIDATE, round, rounds, true));
                runs.add(new ScheduledRun(RunRole.BASELINE, round, rounds, true));
            }
        }
        return List.copyOf(runs);
    }

    /** Whether this is the only run of its script, kept in the script's folder itself. */
    public boolean isOnlyRun() {
        return rounds == 1 && !interleaved;
    }

    /** The folder below the script's results folder: empty for the only run, else {@code run-2}, {@code baseline-2}. */
    public String folder() {
        if (isOnlyRun()) {
            return "";
        }
        return (interleaved ? role.id() : "run") + "-" + round;
    }

    /** For messages: empty for the only run, else e.g. {@code run 2 of 3} or {@code round 2 of 10, baseline}. */
    public String describe() {
        if (isOnlyRun()) {
            return "";
        }
        return interleaved ? "round " + round + " of " + rounds + ", " + role.id() : "run " + round + " of " + rounds;
    }
}
