package io.perfgate.database;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.budget.DatabaseStatistic;
import io.perfgate.budget.MatchTooCostlyException;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.model.DatabaseSentence;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Judges database budget lines against what the statements did during the load run. Fails closed:
 * a line is {@link Verdict#ERROR}, with the reason in its sentence, when its selector matches no
 * statement or its match takes more work than it may (see {@link io.perfgate.budget.DatabaseSelector}), when it divides by a count the load results do not have, or when there is nothing to
 * judge (no snapshots, or a snapshot that could not be taken).
 *
 * <p>{@code db.query} lines take the selected statements together: their calls, times and rows add
 * up, and the mean is their total time over their calls. {@code db.each_query} lines must hold for
 * every selected statement; the sentence names the worst one (the highest value against an upper
 * limit, the lowest against a lower one).
 */
public final class DatabaseEvaluator {

    private DatabaseEvaluator() {
    }

    static LineResult evaluate(DatabaseLine line, StatementChanges changes, LoadCounts counts) {
        List<StatementChange> selected;
        try {
            selected = line.selector().select(changes.statements(), StatementChange::query);
        } catch (MatchTooCostlyException e) {
            return error(line, e.getMessage());
        }
        if (selected.isEmpty()) {
            return error(line, nothingSelected(line.selector(), changes));
        }
        OptionalDouble divisor = OptionalDouble.of(1);
        if (line.statistic() == DatabaseStatistic.CALLS_PER_REQUEST) {
            divisor = counts.requests();
            if (divisor.isEmpty()) {
                return error(line, counts.requestsMissing() + ", so calls per request cannot be told");
            }
        } else if (line.statistic() == DatabaseStatistic.CALLS_PER_ITERATION) {
            divisor = counts.iterations();
            if (divisor.isEmpty()) {
                return error(line, counts.iterationsMissing() + ", so calls per iteration cannot be told;"
                        + " JMeter and Gatling results count requests only: use calls_per_request");
            }
        }
        double per = divisor.getAsDouble();
        if (line.selector().scope() == DatabaseSelector.Scope.TOGETHER) {
            long calls = 0;
            double total = 0;
            long rows = 0;
            for (StatementChange change : selected) {
                calls += change.calls();
                total += change.totalTimeMs();
                rows += change.rows();
            }
            double observed = value(line.statistic(), calls, total, rows, per);
            boolean kept = kept(line, observed);
            return new LineResult(line, OptionalDouble.of(observed), verdict(line, kept),
                    DatabaseSentence.measured(line, observed, kept), DatabaseSentence.observedText(line, observed),
                    DatabaseSentence.limitText(line));
        }
        StatementChange worst = null;
        double worstValue = 0;
        for (StatementChange change : selected) {
            double value = value(line.statistic(), change.calls(), change.totalTimeMs(), change.rows(), per);
            if (worst == null || worse(line.operator(), value, worstValue, kept(line, worstValue), kept(line, value))) {
                worst = change;
                worstValue = value;
            }
        }
        boolean kept = kept(line, worstValue);
        return new LineResult(line, OptionalDouble.of(worstValue), verdict(line, kept),
                DatabaseSentence.measuredWorst(line, worstValue, kept, worst.query(), selected.size()),
                DatabaseSentence.observedText(line, worstValue), DatabaseSentence.limitText(line));
    }

    /** The statistic of statements with these sums; {@code per} is the request or iteration count where used. */
    private static double value(DatabaseStatistic statistic, long calls, double totalTimeMs, long rows, double per) {
        return switch (statistic) {
            case MEAN -> totalTimeMs / calls;
            case TOTAL -> totalTimeMs;
            case CALLS -> calls;
            case CALLS_PER_REQUEST, CALLS_PER_ITERATION -> calls / per;
            case ROWS_PER_CALL -> (double) rows / calls;
        };
    }

    /**
     * Whether {@code candidate} is worse than the worst so far: against an upper limit the higher, against
     * a lower limit the lower; for equality operators the first that breaks the line.
     */
    private static boolean worse(Operator operator, double candidate, double worst, boolean worstKept,
            boolean candidateKept) {
        return switch (operator) {
            case LESS, LESS_OR_EQUAL -> candidate > worst;
            case GREATER, GREATER_OR_EQUAL -> candidate < worst;
            case EQUAL, STRICTLY_EQUAL, NOT_EQUAL -> worstKept && !candidateKept;
        };
    }

    private static boolean kept(DatabaseLine line, double observed) {
        return line.operator().holds(observed, line.limit().value());
    }

    private static Verdict verdict(DatabaseLine line, boolean kept) {
        return kept ? Verdict.PASS : line.severity() == Severity.WARN ? Verdict.WARN : Verdict.FAIL;
    }

    private static String nothingSelected(DatabaseSelector selector, StatementChanges changes) {
        int ran = changes.statements().size();
        if (ran == 0) {
            return "the database " + changes.database() + " ran no statement between the snapshots; check that the"
                    + " snapshots name the application's database and bracket the load run";
        }
        return "match \"" + selector.match().orElse("") + "\" selected none of the " + ran
                + (ran == 1 ? " statement" : " statements") + " the database ran between the snapshots";
    }

    /** The line {@link Verdict#ERROR} for a reason, e.g. a snapshot that could not be taken. */
    static LineResult error(DatabaseLine line, String reason) {
        return new LineResult(line, OptionalDouble.empty(), Verdict.ERROR, DatabaseSentence.unevaluated(line, reason),
                "", DatabaseSentence.limitText(line));
    }
}
