package io.perfgate.regression;

/** What a regression check found. The gate fails on a regression and warns on an inconclusive check. */
public enum RegressionOutcome {
    /** The statistic is worse than the baseline beyond doubt and by more than the rule allows. */
    REGRESSION,
    /** The statistic is within what the rule allows, and the runs were steady enough to tell. */
    NO_REGRESSION,
    /** Too few runs, or runs too noisy, to tell; the verdict's reason says which. */
    INCONCLUSIVE
}
