package io.perfgate.jenkins;

import java.util.Locale;

/** What the step does with the results. */
enum GateMode {
    /** Evaluate the budget over the results files and write the reports. */
    EVALUATE,
    /** Publish the {@code perf-report.json} that {@code perf:check} already wrote in this build; no second judgement. */
    PUBLISH;

    /** {@code evaluate} or {@code publish}, in any case; blank is {@code evaluate}. */
    static GateMode of(String written) {
        if (written == null || written.isBlank()) {
            return EVALUATE;
        }
        for (GateMode mode : values()) {
            if (mode.id().equals(written.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be 'evaluate' or 'publish', not '" + written.strip() + "'");
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
