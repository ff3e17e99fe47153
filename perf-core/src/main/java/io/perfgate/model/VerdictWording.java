package io.perfgate.model;

import io.perfgate.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words every human-readable report uses for verdicts, so they all say the same thing. */
public final class VerdictWording {

    private VerdictWording() {
    }

    /** {@code PASS}, {@code WARN}, {@code FAIL}, {@code ERROR}. */
    public static String label(Verdict verdict) {
        return verdict.name();
    }

    /** {@code pass}, {@code warn}, ... as used in JSON values and CSS class names. */
    public static String key(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    public static String symbol(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
            case ERROR -> "⛔";
        };
    }

    /** The gate's outcome for a console: {@code PASSED}, {@code FAILED}... */
    public static String gateStatus(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "PASSED";
            case WARN -> "PASSED WITH WARNINGS";
            case FAIL -> "FAILED";
            case ERROR -> "ERROR";
        };
    }

    /** {@code 2 of 8 budget lines failed, 1 could not be decided}: the one-line news of a report. */
    public static String headline(GateReport report) {
        int total = report.lines().size();
        long failed = report.count(Verdict.FAIL);
        long undecided = report.count(Verdict.ERROR);
        long warned = report.count(Verdict.WARN);
        long errorMessages = errorMessages(report);
        if (failed > 0 && undecided > 0) {
            return failed + " of " + lines(total) + " failed, " + undecided + " could not be decided";
        }
        if (failed > 0) {
            return failed + " of " + lines(total) + " failed";
        }
        if (undecided > 0) {
            return undecided + " of " + lines(total) + " could not be decided";
        }
        if (errorMessages > 0) {
            return "the evaluation reported " + plural(errorMessages, "error");
        }
        if (total == 0) {
            return "no budget lines were evaluated";
        }
        String passed = total == 1 ? "1 budget line passed" : "all " + total + " budget lines passed";
        return warned == 0 ? passed : passed + ", " + warned + " with a warning";
    }

    /** {@code 2 failed, 1 undecided, 1 warning, 4 passed}, leaving out zeros. */
    public static String counts(GateReport report) {
        List<String> parts = new ArrayList<>();
        long failed = report.count(Verdict.FAIL);
        long undecided = report.count(Verdict.ERROR);
        long warned = report.count(Verdict.WARN);
        long passed = report.count(Verdict.PASS);
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (undecided > 0) {
            parts.add(undecided + " undecided");
        }
        if (warned > 0) {
            parts.add(plural(warned, "warning"));
        }
        if (passed > 0 || parts.isEmpty()) {
            parts.add(passed + " passed");
        }
        long errorMessages = errorMessages(report);
        if (errorMessages > 0) {
            parts.add(plural(errorMessages, "error message"));
        }
        return String.join(", ", parts);
    }

    public static long errorMessages(GateReport report) {
        return report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR).count();
    }

    /** {@code Error}, {@code Warning}, {@code Info}. */
    public static String level(Diagnostic.Level level) {
        String name = level.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    public static String lines(long count) {
        return plural(count, "budget line");
    }

    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
