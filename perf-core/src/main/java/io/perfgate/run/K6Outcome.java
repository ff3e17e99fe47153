package io.perfgate.run;

/**
 * What a finished k6 process means for the build step that ran it. Only {@link #PASSED} and
 * {@link #THRESHOLDS_CROSSED} leave usable results; the gate, not the run, judges crossed thresholds.
 */
public enum K6Outcome {
    /** Exit 0: the run completed and k6's own thresholds held. */
    PASSED,
    /** Exit 99: k6's own thresholds were crossed (also when one aborted the run); results are complete. */
    THRESHOLDS_CROSSED,
    /** The run outlived its timeout and was killed. */
    TIMED_OUT,
    /** Any other exit code: k6 could not run the test. */
    FAILED;

    /** k6's exit code for crossed thresholds. */
    public static final int THRESHOLDS_CROSSED_EXIT_CODE = 99;

    public static K6Outcome of(int exitCode, boolean timedOut) {
        if (timedOut) {
            return TIMED_OUT;
        }
        return switch (exitCode) {
            case 0 -> PASSED;
            case THRESHOLDS_CROSSED_EXIT_CODE -> THRESHOLDS_CROSSED;
            default -> FAILED;
        };
    }

    /** Whether the build step must stop: the results are missing or cannot be trusted. */
    public boolean isError() {
        return this == TIMED_OUT || this == FAILED;
    }

    /**
     * k6's documented meaning of an exit code, or for 129 to 159 the signal that killed it (as a shell
     * reports a process killed by signal n: 128 + n, e.g. 137 for SIGKILL, often the kernel's out-of-memory
     * killer), or for 126 and 127 why k6 could not be executed (k6 is started through {@code setsid},
     * which says so with these); empty otherwise.
     */
    public static String exitCodeMeaning(int exitCode) {
        if (exitCode > 128 && exitCode < 160) {
            int signal = exitCode - 128;
            return "killed by signal " + signal + signalName(signal);
        }
        return switch (exitCode) {
            case 97 -> "cloud test run failed";
            case 98 -> "cloud progress unavailable";
            case 99 -> "thresholds crossed";
            case 100 -> "setup timed out";
            case 101 -> "teardown timed out";
            case 102 -> "timed out";
            case 103 -> "engine error";
            case 104 -> "invalid configuration";
            case 105 -> "aborted from outside";
            case 106 -> "REST API could not start";
            case 107 -> "script exception";
            case 108 -> "aborted by the script";
            case 126 -> "k6 could not be executed";
            case 127 -> "k6 was not found, or is not a program this system runs";
            default -> "";
        };
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 2 -> ", SIGINT";
            case 6 -> ", SIGABRT";
            case 9 -> ", SIGKILL: often the out-of-memory killer";
            case 13 -> ", SIGPIPE";
            case 15 -> ", SIGTERM";
            default -> "";
        };
    }
}
