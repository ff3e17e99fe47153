package io.perfgate.gate;

import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.SpoolingHistoryStore;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.model.DecisionPolicy;
import io.perfgate.regression.RegressionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a user can set about one gate evaluation, as plain values: the adapters (the Maven mojos,
 * the Jenkins step) bind their parameters to it and nothing else. {@link #resolve} turns it, with the
 * build's environment, into the {@link CheckRequest} the gate runs: the run's identity from the CI's
 * variables, credentials from the adapter's secret store, the history store opened.
 *
 * <pre>{@code
 * GateSettings settings = GateSettings.builder()
 *         .budgetFile(workspace.resolve("perf-budget.yaml"))
 *         .resultsDirectory(workspace.resolve("target/perf"))
 *         .reportDirectory(workspace.resolve("target/perf"))
 *         .project("shop:checkout")
 *         .build();
 * }</pre>
 */
public final class GateSettings {
    private final Path budgetFile;
    private final Path resultsDirectory;
    private final List<Path> resultFiles;
    private final Path reportDirectory;
    private final Path baseDirectory;
    private final boolean failOnK6Thresholds;
    private final String history;
    private final Optional<String> historyCredentials;
    private final Optional<Path> historySpool;
    private final String project;
    private final IdentityOverrides identity;
    private final int baselineRuns;
    private final boolean recordRun;
    private final Map<String, String> labels;
    private final RegressionSettings regression;
    private final DecisionPolicy decisionPolicy;
    private final int ingestThreads;

    private GateSettings(Builder builder) {
        this.budgetFile = builder.budgetFile;
        this.resultsDirectory = builder.resultsDirectory;
        this.resultFiles = builder.resultFiles;
        this.reportDirectory = builder.reportDirectory;
        this.baseDirectory = builder.baseDirectory;
        this.failOnK6Thresholds = builder.failOnK6Thresholds;
        this.history = builder.history;
        this.historyCredentials = builder.historyCredentials;
        this.historySpool = builder.historySpool;
        this.project = builder.project;
        this.identity = builder.identity;
        this.baselineRuns = builder.baselineRuns;
        this.recordRun = builder.recordRun;
        this.labels = builder.labels;
        this.regression = builder.regression;
        this.decisionPolicy = builder.decisionPolicy;
        this.ingestThreads = builder.ingestThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.budgetFile = budgetFile;
        builder.resultsDirectory = resultsDirectory;
        builder.resultFiles = resultFiles;
        builder.reportDirectory = reportDirectory;
        builder.baseDirectory = baseDirectory;
        builder.failOnK6Thresholds = failOnK6Thresholds;
        builder.history = history;
        builder.historyCredentials = historyCredentials;
        builder.historySpool = historySpool;
        builder.project = project;
        builder.identity = identity;
        builder.baselineRuns = baselineRuns;
        builder.recordRun = recordRun;
        builder.labels = labels;
        builder.regression = regression;
        builder.decisionPolicy = decisionPolicy;
        builder.ingestThreads = ingestThreads;
        return builder;
    }

    /** @return the budget, {@code perf-budget.yaml} or JSON; required */
    public Path budgetFile() {
        return budgetFile;
    }

    /** @return searched for k6 run folders and results files; may not exist when only result files are given; required */
    public Path resultsDirectory() {
        return resultsDirectory;
    }

    /** @return further results files, e.g. the JTL that jmeter-maven-plugin writes */
    public List<Path> resultFiles() {
        return resultFiles;
    }

    /** @return where the reports are written; required */
    public Path reportDirectory() {
        return reportDirectory;
    }

    /** @return the folder paths in messages are shown relative to: the project folder, or a Jenkins workspace; the working folder when not set */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** @return whether a k6 run that crossed one of its own thresholds (exit 99) fails the gate where no budget line covers that threshold */
    public boolean failOnK6Thresholds() {
        return failOnK6Thresholds;
    }

    /** @return where the run history is kept, as a user writes it: empty for the file store in {@code ~/.perfgate/history}, a folder, a {@code jdbc:postgresql://} URL, or {@code none}; see {@link HistoryLocation} */
    public String history() {
        return history;
    }

    /** @return the reference (a Maven server id, a Jenkins credentials id) of the history database's credentials; without one they come from {@code PERF_HISTORY_USER} and {@code PERF_HISTORY_PASSWORD} */
    public Optional<String> historyCredentials() {
        return historyCredentials;
    }

    /** @return where runs wait while the PostgreSQL history is down; {@code ~/.perfgate/spool} when not set */
    public Optional<Path> historySpool() {
        return historySpool;
    }

    /** @return what is measured, e.g. the Maven {@code groupId:artifactId} or the Jenkins job; runs of different projects never mix; required when a history is kept */
    public String project() {
        return project;
    }

    /** @return who the run is, where the user said so */
    public IdentityOverrides identity() {
        return identity;
    }

    /** @return how many recent usable runs of the baseline branch form the baseline */
    public int baselineRuns() {
        return baselineRuns;
    }

    /** @return whether this run is added to the history; false only reads it */
    public boolean recordRun() {
        return recordRun;
    }

    /** @return the environment the run measured, kept with it, e.g. {@code agent=linux-4} */
    public Map<String, String> labels() {
        return labels;
    }

    /** @return the knobs of the regression checks */
    public RegressionSettings regression() {
        return regression;
    }

    /** @return which build result failed lines and warnings give */
    public DecisionPolicy decisionPolicy() {
        return decisionPolicy;
    }

    /** @return the most threads that read one results file; 0 for as many as there are processors */
    public int ingestThreads() {
        return ingestThreads;
    }

    /**
     * What the gate runs: these settings with the history opened and the run's identity resolved.
     *
     * @throws GateConfigurationException when the history location or its credentials cannot be used
     */
    public CheckRequest resolve(GateEnvironment environment, Diagnostics diagnostics) {
        Objects.requireNonNull(budgetFile, "budgetFile");
        Objects.requireNonNull(resultsDirectory, "resultsDirectory");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        CheckRequest request = new CheckRequest(budgetFile, resultsDirectory, resultFiles, reportDirectory,
                failOnK6Thresholds, Optional.empty(), base(), regression, environment.spelling(),
                ingestThreads == 0 ? ResultIngest.DEFAULT_THREADS : ingestThreads);
        return history(environment, diagnostics).map(request::withHistory).orElse(request);
    }

    /**
     * The history part alone: the store opened and the run's identity resolved, or empty when no history
     * is kept. For steps that only manage the history (pinning a run).
     *
     * @throws GateConfigurationException when the history location or its credentials cannot be used
     */
    public Optional<HistoryOptions> history(GateEnvironment environment, Diagnostics diagnostics) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Optional<HistoryStore> store = openHistory(environment, diagnostics);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HistoryOptions(store.get(), project, runIdentity(environment), baselineRuns,
                    recordRun, labels));
        } catch (IllegalArgumentException e) {
            throw new GateConfigurationException(null, e.getMessage(), e);
        }
    }

    /** Who the run is: the overrides, else the CI's variables, else the checkout of the base folder. */
    public RunIdentity runIdentity(GateEnvironment environment) {
        return RunIdentity.resolve(identity, environment.variables(), base(), environment.clock().instant());
    }

    private Path base() {
        return baseDirectory == null ? Path.of("").toAbsolutePath() : baseDirectory;
    }

    private Optional<HistoryStore> openHistory(GateEnvironment environment, Diagnostics diagnostics) {
        DatabaseCredentials credentials = new DatabaseCredentials("", "");
        if (HistoryLocation.isDatabase(history)) {
            credentials = DatabaseCredentials.resolve(environment.secrets().find(historyCredentials,
                    "the history database"), "PERF_HISTORY", environment.variables());
        }
        try {
            return HistoryLocation.open(history, credentials.user(), credentials.password(),
                    historySpool.orElseGet(SpoolingHistoryStore::defaultSpoolFolder), diagnostics);
        } catch (IllegalArgumentException e) {
            throw new GateConfigurationException(Option.HISTORY, e.getMessage(), e);
        }
    }

    /**
     * Collects the settings; every value has a default but the budget, results and report locations,
     * which an evaluation needs and a step that only manages the history does not.
     */
    public static final class Builder {

        private Path budgetFile = null;

        private Path resultsDirectory = null;

        private List<Path> resultFiles = List.of();

        private Path reportDirectory = null;

        private Path baseDirectory = null;

        private boolean failOnK6Thresholds = true;

        private String history = "";

        private Optional<String> historyCredentials = Optional.empty();

        private Optional<Path> historySpool = Optional.empty();

        private String project = "";

        private IdentityOverrides identity = IdentityOverrides.NONE;

        private int baselineRuns = HistoryOptions.DEFAULT_BASELINE_RUNS;

        private boolean recordRun = true;

        private Map<String, String> labels = Map.of();

        private RegressionSettings regression = RegressionSettings.defaults();

        private DecisionPolicy decisionPolicy = DecisionPolicy.DEFAULT;

        private int ingestThreads;

        public Builder budgetFile(Path value) {
            this.budgetFile = Objects.requireNonNull(value, "budgetFile");
            return this;
        }

        public Builder resultsDirectory(Path value) {
            this.resultsDirectory = Objects.requireNonNull(value, "resultsDirectory");
            return this;
        }

        public Builder resultFiles(List<Path> value) {
            this.resultFiles = List.copyOf(Objects.requireNonNull(value, "resultFiles"));
            return this;
        }

        public Builder reportDirectory(Path value) {
            this.reportDirectory = Objects.requireNonNull(value, "reportDirectory");
            return this;
        }

        public Builder baseDirectory(Path value) {
            this.baseDirectory = value;
            return this;
        }

        public Builder failOnK6Thresholds(boolean value) {
            this.failOnK6Thresholds = value;
            return this;
        }

        /** Sets history; null for the default. */
        public Builder history(String value) {
            this.history = value == null ? "" : value;
            return this;
        }

        /** Sets historyCredentials; null or blank for none. */
        public Builder historyCredentials(String value) {
            this.historyCredentials = Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
            return this;
        }

        /** Sets historySpool; null for the default. */
        public Builder historySpool(Path value) {
            this.historySpool = Optional.ofNullable(value);
            return this;
        }

        /** Sets project; null for the default. */
        public Builder project(String value) {
            this.project = value == null ? "" : value;
            return this;
        }

        public Builder identity(IdentityOverrides value) {
            this.identity = Objects.requireNonNull(value, "identity");
            return this;
        }

        public Builder baselineRuns(int value) {
            this.baselineRuns = value;
            return this;
        }

        public Builder recordRun(boolean value) {
            this.recordRun = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(value, "labels")));
            return this;
        }

        public Builder regression(RegressionSettings value) {
            this.regression = Objects.requireNonNull(value, "regression");
            return this;
        }

        public Builder decisionPolicy(DecisionPolicy value) {
            this.decisionPolicy = Objects.requireNonNull(value, "decisionPolicy");
            return this;
        }

        /**
         * The most threads that read one results file: a plain k6 NDJSON or CSV JTL file is read in parts, one
         * per thread, and gzip data is inflated on a thread of its own; the results are the same for any
         * number. 1 reads on one thread; 0, the default, as many as there are processors.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder ingestThreads(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("ingestThreads must be 0 (as many as there are processors) or"
                        + " more, was " + value);
            }
            this.ingestThreads = value;
            return this;
        }

        /** The settings; the budget, results and report locations are checked when they are resolved. */
        public GateSettings build() {
            return new GateSettings(this);
        }
    }
}
