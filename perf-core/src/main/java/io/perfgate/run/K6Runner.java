package io.perfgate.run;

import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs k6 scripts one after the other, each as often as the options' schedule says (repeated runs, or
 * interleaved A/B rounds against a baseline URL and the base URL):
 * {@code k6 run --out json=<dir>/run.ndjson --summary-export=<dir>/summary.json [arguments] <script>}
 * with {@code <dir> = <outputDirectory>/<script name without .js>[/<run folder>]} (see
 * {@link ScheduledRun}); the script's folder is cleaned first so stale results are never read. k6's
 * stdout and stderr go line by line to the given consumers, each read on its own thread so a full pipe
 * cannot stall k6, a line longer than 64 kB cut (see {@code OutputPump}). A run that outlives the
 * timeout is stopped with every process it started; so is any process k6 leaves running when it exits
 * (see {@code ProcessTree} for how they are found, and the limits). A {@link ResultsFollower} given reads
 * each run's NDJSON while k6 writes it, and is finished once k6 and those processes are gone.
 */
public final class K6Runner {

    /** The results file of {@code --out json}. */
    public static final String NDJSON_FILE = "run.ndjson";

    /** The results file of {@code --summary-export}. */
    public static final String SUMMARY_EXPORT_FILE = "summary.json";

    /** How many of k6's last stderr lines are kept for error messages. */
    public static final int STDERR_TAIL_LINES = 20;


    private static final Duration PUMP_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final K6Options options;
    private final OptionSpelling spelling;
    private final Consumer<String> stdout;
    private final Consumer<String> stderr;
    private final ResultsFollower follower;

    /**
     * @param options how to start k6
     * @param stdout  sees each line k6 writes to stdout, as it is written
     * @param stderr  sees each line k6 writes to stderr, as it is written
     */
    public K6Runner(K6Options options, Consumer<String> stdout, Consumer<String> stderr) {
        this(options, OptionSpelling.KEYS, stdout, stderr);
    }

    /** @param spelling how the adapter spells options in the messages of a failed run */
    public K6Runner(K6Options options, OptionSpelling spelling, Consumer<String> stdout, Consumer<String> stderr) {
        this(options, spelling, ResultsFollower.NONE, stdout, stderr);
    }

    /** @param follower reads each run's NDJSON while k6 writes it */
    public K6Runner(K6Options options, OptionSpelling spelling, ResultsFollower follower, Consumer<String> stdout,
            Consumer<String> stderr) {
        this.options = Objects.requireNonNull(options, "options");
        this.spelling = Objects.requireNonNull(spelling, "spelling");
        this.follower = Objects.requireNonNull(follower, "follower");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
    }

    /** The folder name of a script's results: its file name without {@code .js}. */
    public static String folderName(Path script) {
        String name = script.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".js") && name.length() > 3
                ? name.substring(0, name.length() - 3)
                : name;
    }

    /**
     * Runs each script in turn, each as often as its {@linkplain K6Options#schedule() schedule} says,
     * and stops at the first run that cannot produce results. Crossed k6 thresholds do not stop it.
     *
     * @param progress sees each run start and, when it produced results, finish
     * @return every run, in the order made
     * @throws K6RunException when two scripts would share a results folder, or a run fails
     */
    public List<K6RunResult> runAll(List<Path> scripts, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Map<String, Path> folders = new HashMap<>();
        for (Path script : scripts) {
            Path other = folders.putIfAbsent(folderName(script), script);
            if (other != null) {
                throw new K6RunException("the k6 scripts " + other + " and " + script + " would both write to "
                        + options.outputDirectory().resolve(folderName(script)) + "; give them different file names");
            }
        }
        for (Path script : scripts) {
            if (!Files.isRegularFile(scriptFile(script))) {
                throw new K6RunException("the k6 script " + scriptFile(script) + " does not exist");
            }
        }
        // Written before any run, so a run that fails is still known as this build's.
        try {
            new K6BuildRuns(scripts.stream().map(K6Runner::folderName).toList()).write(options.outputDirectory());
        } catch (UncheckedIOException e) {
            throw new K6RunException(e.getMessage(), e);
        }
        List<K6RunResult> results = new ArrayList<>();
        for (Path script : scripts) {
            results.addAll(runScript(script, progress));
        }
        return List.copyOf(results);
    }

    /**
     * Runs one script as its schedule says, writing {@link K6RunRecord#FILE_NAME} beside each run's
     * results.
     *
     * @return the runs, each of which {@linkplain K6Outcome#PASSED passed} or
     *         {@linkplain K6Outcome#THRESHOLDS_CROSSED crossed k6's thresholds}
     * @throws K6RunException when k6 is missing or cannot start, exits with another code, or times out;
     *                        the message says what happened and what to do
     */
    public List<K6RunResult> run(Path script) {
        return runAll(List.of(script), new Progress() { });
    }

    /** Sees the runs as they happen, e.g. to log them; both methods do nothing unless overridden. */
    public interface Progress {

        /** A run of {@code script} is about to start. */
        default void starting(Path script, ScheduledRun run) {
        }

        /** A run finished with usable results. */
        default void finished(K6RunResult result) {
        }

        /** Something about a run the build's log should show, e.g. processes k6 left running. */
        default void warning(String message) {
        }
    }

    private Path scriptFile(Path script) {
        return options.workingDirectory().resolve(script).toAbsolutePath().normalize();
    }

    private List<K6RunResult> runScript(Path script, Progress progress) {
        Path scriptFile = scriptFile(script);
        Path executable = locateExecutable();
        Path scriptFolder = options.outputDirectory().resolve(folderName(scriptFile)).toAbsolutePath().normalize();
        // The whole script folder, so no run folder of an earlier, longer schedule is left to be read.
        prepareFolder(scriptFolder);
        List<K6RunResult> results = new ArrayList<>();
        for (ScheduledRun scheduled : options.schedule()) {
            progress.starting(scriptFile, scheduled);
            K6RunResult result = runOnce(scriptFile, executable, scriptFolder, scheduled, progress);
            progress.finished(result);
            results.add(result);
        }
        return results;
    }

    private K6RunResult runOnce(Path scriptFile, Path executable, Path scriptFolder, ScheduledRun scheduled,
            Progress progress) {
        Path directory = scriptFolder.resolve(scheduled.folder());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new K6RunException("could not create the k6 results folder " + directory + ": " + e, e);
        }
        String what = scriptFile.getFileName() + (scheduled.isOnlyRun() ? "" : " (" + scheduled.describe() + ")");

        List<String> command = new ArrayList<>(List.of(executable.toString(), "run",
                "--out", "json=" + directory.resolve(NDJSON_FILE),
                "--summary-export=" + directory.resolve(SUMMARY_EXPORT_FILE)));
        command.addAll(options.arguments());
        command.add(scriptFile.toString());

        Map<String, String> environment = options.processEnvironment(scheduled.role());
        ProcessBuilder builder = new ProcessBuilder().directory(options.workingDirectory().toFile());
        builder.environment().putAll(environment);

        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        ProcessTree tree;
        try {
            tree = ProcessTree.start(builder, command);
        } catch (IOException e) {
            throw new K6RunException("could not start k6 at " + executable + ": " + e.getMessage() + ". "
                    + installHint(), e);
        }
        Process process = tree.process();
        closeInput(process);
        OutputPump out = OutputPump.start(process.getInputStream(), stdout, 0,
                "k6-stdout " + scriptFile.getFileName());
        OutputPump err = OutputPump.start(process.getErrorStream(), stderr, STDERR_TAIL_LINES,
                "k6-stderr " + scriptFile.getFileName());
        AtomicBoolean k6Gone = new AtomicBoolean();
        ResultsFollower.Following following = follower.start(directory.resolve(NDJSON_FILE), what, k6Gone::get);

        boolean timedOut;
        int exitCode;
        long durationMillis;
        List<String> leftovers;
        try {
            timedOut = awaitOrKill(tree);
            exitCode = awaitExit(tree);
            durationMillis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            // Whatever k6 started and left running goes now, which also closes the pipes such processes hold.
            leftovers = tree.stop(options.killGracePeriod());
        } catch (RuntimeException | Error e) {
            following.cancel();
            throw e;
        }
        k6Gone.set(true);
        following.finish();
        if (!leftovers.isEmpty()) {
            progress.warning("k6 left " + leftovers.size() + (leftovers.size() == 1 ? " process" : " processes")
                    + " running after " + what + " ended, now stopped: " + String.join(", ", leftovers));
        }
        boolean outEnded = out.drain(PUMP_DRAIN_TIMEOUT);
        boolean errEnded = err.drain(PUMP_DRAIN_TIMEOUT);
        if (!outEnded || !errEnded) {
            progress.warning("k6's output stayed open " + describe(PUMP_DRAIN_TIMEOUT) + " after " + what + " ended: "
                    + "a process it started, which could not be found (one that cleared its environment and left "
                    + "k6's session), holds it; what that process writes is not shown");
        }

        K6RunRecord record = new K6RunRecord(K6RunRecord.SCHEMA_VERSION, scriptFile.toString(), redacted(command),
                List.copyOf(environment.keySet()), exitCode, timedOut, startedAt, durationMillis,
                NDJSON_FILE, SUMMARY_EXPORT_FILE, scheduled.role(), scheduled.round(), options.k6Version());
        try {
            record.write(directory.resolve(K6RunRecord.FILE_NAME));
        } catch (UncheckedIOException e) {
            throw new K6RunException("could not write the k6 run record: " + e.getMessage(), e);
        }
        out.rethrowConsumerFailure();
        err.rethrowConsumerFailure();

        List<String> tail = err.tail();
        K6Outcome outcome = record.outcome();
        return switch (outcome) {
            case PASSED, THRESHOLDS_CROSSED -> new K6RunResult(scriptFile, directory, scheduled, record, tail);
            case TIMED_OUT -> throw new K6RunFailedException("k6 did not finish " + what + " within "
                    + describe(options.timeout()) + " and was stopped with every process it started. "
                    + "Raise the timeout (" + spelling.spell(Option.K6_TIMEOUT) + ") if the test needs longer."
                    + tailText(tail), directory);
            case FAILED -> throw new K6RunFailedException(failureText(what, exitCode) + tailText(tail), directory);
        };
    }

    private String installHint() {
        return "Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or point "
                + spelling.spell(Option.K6_EXECUTABLE) + " at the k6 binary, or set " + spelling.spell(Option.K6_VERSION)
                + " to a k6 release such as 0.48.0 to have it downloaded.";
    }

    /** k6 reads nothing from stdin; closing it makes any prompt end at once rather than wait. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing was written, so there is nothing to lose.
        }
    }

    private static String failureText(String what, int exitCode) {
        String meaning = K6Outcome.exitCodeMeaning(exitCode);
        return "k6 failed to run " + what + ": exit code " + exitCode
                + (meaning.isEmpty() ? "" : " (" + meaning + ")") + ".";
    }

    private static String tailText(List<String> tail) {
        if (tail.isEmpty()) {
            return "";
        }
        return System.lineSeparator() + "Last lines k6 wrote to stderr:" + System.lineSeparator()
                + String.join(System.lineSeparator(), tail);
    }

    /** Waits for k6; on timeout stops it with every process it started. Returns whether it timed out. */
    private boolean awaitOrKill(ProcessTree tree) {
        try {
            if (tree.process().waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            tree.stop(options.killGracePeriod());
            return true;
        } catch (InterruptedException e) {
            tree.stop(options.killGracePeriod());
            Thread.currentThread().interrupt();
            throw new K6RunException("interrupted while k6 was running; k6 was stopped", e);
        }
    }

    private static int awaitExit(ProcessTree tree) {
        try {
            return tree.process().waitFor();
        } catch (InterruptedException e) {
            tree.stop(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new K6RunException("interrupted while k6 was stopping", e);
        }
    }

    /**
     * Finds k6 the way a shell would, so a missing binary gets a helpful message rather than an
     * {@code error=2}. A bare name is looked up on the PATH k6 itself will get.
     */
    private Path locateExecutable() {
        String configured = options.executable().strip();
        if (configured.contains("/") || configured.contains(File.separator)) {
            Path path = options.workingDirectory().resolve(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new K6RunException("k6 was not found at " + path + ". " + installHint());
            }
            if (!Files.isExecutable(path)) {
                throw new K6RunException("k6 at " + path + " is not executable (chmod +x it). " + installHint());
            }
            return path;
        }
        String searchPath = options.environment().getOrDefault("PATH", Objects.toString(System.getenv("PATH"), ""));
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            for (String name : candidateNames(configured)) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new K6RunException("k6 executable '" + configured + "' was not found on the PATH. " + installHint());
    }

    private static List<String> candidateNames(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows && !name.toLowerCase(Locale.ROOT).endsWith(".exe") ? List.of(name + ".exe", name) : List.of(name);
    }

    private static void prepareFolder(Path directory) {
        try {
            if (Files.exists(directory)) {
                deleteRecursively(directory);
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new K6RunException("could not prepare the k6 results folder " + directory + ": " + e, e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The command as recorded: values given with {@code -e}/{@code --env} may be secrets. */
    static List<String> redacted(List<String> command) {
        List<String> recorded = new ArrayList<>(command.size());
        boolean nextIsVariable = false;
        for (String argument : command) {
            if (nextIsVariable) {
                recorded.add(withoutValue(argument));
                nextIsVariable = false;
            } else if (argument.equals("-e") || argument.equals("--env")) {
                recorded.add(argument);
                nextIsVariable = true;
            } else if (argument.startsWith("--env=")) {
                recorded.add("--env=" + withoutValue(argument.substring("--env=".length())));
            } else if (argument.startsWith("-e") && argument.length() > 2) {
                recorded.add("-e" + withoutValue(argument.substring(2)));
            } else {
                recorded.add(argument);
            }
        }
        return recorded;
    }

    private static String withoutValue(String assignment) {
        int equals = assignment.indexOf('=');
        return equals < 0 ? assignment : assignment.substring(0, equals + 1) + K6RunRecord.REDACTED;
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
