package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The history in local files, the default: no server, kept outside {@code target/} so that
 * {@code mvn clean} keeps it ({@link #defaultRoot()} is {@code ~/.perfgate/history}).
 *
 * <p><b>Layout</b> (names encoded by {@link FileNames}: {@code feature/x} becomes {@code feature%2Fx}):
 * <pre>
 * &lt;root&gt;/&lt;project&gt;/
 *   .lock                                     taken by every writer of the project
 *   marks.json                                pins and flags (see {@link Marks})
 *   runs/&lt;branch&gt;/&lt;start&gt;_&lt;runId&gt;.json        one file per run, {@link RunJson} format 1
 * </pre>
 * {@code <start>} is the UTC start to the microsecond, {@code 20250301T120000.123456Z}, so a folder
 * lists oldest first. Every file is written whole to a temporary file and renamed into place
 * atomically, so readers need no lock and never see half a file; writers of one project take
 * {@code .lock} (a file lock, across processes, plus an in-process lock across threads), so two builds
 * recording at once lose nothing and store a run id once.
 *
 * <p>A file that cannot be read is reported with its path and the field at fault: {@link #runs}
 * throws {@link BadInputException}, {@link #baseline} answers unavailable.
 */
public final class FileHistoryStore implements HistoryStore {

    private static final String LOCK_FILE = ".lock";
    private static final String RUNS = "runs";
    private static final String EXTENSION = ".json";

    private final Path root;

    /** A store in {@code root}, which is created on the first write. */
    public FileHistoryStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** {@code ~/.perfgate/history}: in the user's home, so it outlives {@code target/} and the checkout. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".perfgate", "history");
    }

    public Path root() {
        return root;
    }

    /** The folder of a project's history. */
    public Path projectFolder(String project) {
        return root.resolve(FileNames.key(StoredText.required(project, "project")));
    }

    @Override
    public String location() {
        return "run history in " + root;
    }

    @Override
    public RecordOutcome record(RunRecord run) {
        Objects.requireNonNull(run, "run");
        Path project = projectFolder(run.project());
        Path file = branchFolder(project, run.branch())
                .resolve(FileNames.start(run.startedAt()) + "_" + FileNames.key(run.runId()) + EXTENSION);
        try {
            return AtomicFiles.underLock(project.resolve(LOCK_FILE), () -> {
                if (findRun(project, run.runId()).isPresent()) {
                    return RecordOutcome.ALREADY_STORED;
                }
                AtomicFiles.write(file, RunJson.write(run));
                return RecordOutcome.STORED;
            });
        } catch (IOException | UncheckedIOException e) {
            throw new HistoryException("cannot write run " + run.runId() + " of " + run.project() + " to " + file + ": "
                    + describe(e), e);
        }
    }

    @Override
    public Baseline baseline(BaselineQuery query) {
        Objects.requireNonNull(query, "query");
        Path project = projectFolder(query.project());
        Path branch = branchFolder(project, query.branch());
        try {
            Marks marks = Marks.read(project);
            String pinned = marks.pins().get(query.branch());
            if (pinned != null && !marks.flags().containsKey(pinned) && !query.excludes(pinned)) {
                Path file = findRunIn(branch, FileNames.key(pinned)).orElseThrow(() -> new HistoryException(
                        "the pinned run " + pinned + " of branch " + query.branch() + " is missing from " + branch));
                return Baseline.pinned(read(file, query.project(), query.branch()));
            }
            return Baseline.recent(newest(branch, query.project(), query.branch(), query.size(),
                    run -> usable(run.verdict()) && !marks.flags().containsKey(run.runId())
                            && !query.excludes(run.runId())));
        } catch (IOException | UncheckedIOException e) {
            return Baseline.unavailable("cannot read the run history in " + project + ": " + describe(e));
        } catch (BadInputException | HistoryException e) {
            return Baseline.unavailable(e.getMessage());
        }
    }

    @Override
    public List<RecordedRun> runs(String project, String branch, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        String projectName = StoredText.required(project, "project");
        String branchName = StoredText.required(branch, "branch");
        Path projectFolder = projectFolder(projectName);
        Path branchFolder = branchFolder(projectFolder, branchName);
        try {
            Marks marks = Marks.read(projectFolder);
            List<RecordedRun> runs = new ArrayList<>();
            for (RunRecord run : newest(branchFolder, projectName, branchName, limit, run -> true)) {
                runs.add(new RecordedRun(run, Optional.ofNullable(marks.flags().get(run.runId())),
                        run.runId().equals(marks.pins().get(branchName))));
            }
            return List.copyOf(runs);
        } catch (IOException | UncheckedIOException e) {
            throw new HistoryException("cannot read the run history in " + branchFolder + ": " + describe(e), e);
        }
    }

    @Override
    public void pin(String project, String branch, String runId) {
        String pinned = StoredText.required(runId, "runId");
        String branchName = StoredText.required(branch, "branch");
        Path projectFolder = projectFolder(project);
        Path branchFolder = branchFolder(projectFolder, branchName);
        changeMarks(projectFolder, marks -> {
            if (findRunIn(branchFolder, FileNames.key(pinned)).isEmpty()) {
                throw unknown(projectFolder, project, pinned, " on branch " + branchName);
            }
            return marks.withPin(branchName, pinned);
        });
    }

    @Override
    public boolean unpin(String project, String branch) {
        Path projectFolder = projectFolder(project);
        String branchName = StoredText.required(branch, "branch");
        return changeMarks(projectFolder, marks -> marks.withoutPin(branchName));
    }

    @Override
    public void flag(String project, String runId, String reason) {
        String flagged = StoredText.required(runId, "runId");
        String why = StoredText.required(reason, "reason");
        Path projectFolder = projectFolder(project);
        changeMarks(projectFolder, marks -> {
            if (findRun(projectFolder, flagged).isEmpty()) {
                throw unknown(projectFolder, project, flagged, "");
            }
            return marks.withFlag(flagged, why);
        });
    }

    @Override
    public boolean unflag(String project, String runId) {
        String flagged = StoredText.required(runId, "runId");
        Path projectFolder = projectFolder(project);
        return changeMarks(projectFolder, marks -> {
            if (findRun(projectFolder, flagged).isEmpty()) {
                throw unknown(projectFolder, project, flagged, "");
            }
            return marks.withoutFlag(flagged);
        });
    }

    private interface MarksChange {
        Marks apply(Marks marks) throws IOException;
    }

    /** Reads, changes and writes the marks under the project's lock; returns whether they changed. */
    private boolean changeMarks(Path projectFolder, MarksChange change) {
        try {
            return AtomicFiles.underLock(projectFolder.resolve(LOCK_FILE), () -> {
                Marks before = Marks.read(projectFolder);
                Marks after = change.apply(before);
                if (after.equals(before)) {
                    return false;
                }
                after.write(projectFolder);
                return true;
            });
        } catch (IOException | UncheckedIOException e) {
            throw new HistoryException("cannot change the marks in " + projectFolder + ": " + describe(e), e);
        }
    }

    private static UnknownRunException unknown(Path projectFolder, String project, String runId, String where) {
        return new UnknownRunException("project " + project + " has no run " + runId + where + " (in " + projectFolder
                + ")");
    }

    private static boolean usable(Verdict verdict) {
        return verdict == Verdict.PASS || verdict == Verdict.WARN;
    }

    private static Path branchFolder(Path projectFolder, String branch) {
        return projectFolder.resolve(RUNS).resolve(FileNames.key(StoredText.required(branch, "branch")));
    }

    /** The file of a run, on whichever branch it was recorded. */
    private static Optional<Path> findRun(Path projectFolder, String runId) throws IOException {
        Path runs = projectFolder.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        String key = FileNames.key(runId);
        try (DirectoryStream<Path> branches = Files.newDirectoryStream(runs, Files::isDirectory)) {
            for (Path branch : branches) {
                Optional<Path> found = findRunIn(branch, key);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findRunIn(Path branchFolder, String key) throws IOException {
        return runFiles(branchFolder).stream().filter(file -> runKey(file).equals(key)).findFirst();
    }

    /** The run files of a branch folder, newest first by name; temporary files are skipped. */
    private static List<Path> runFiles(Path branchFolder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(branchFolder)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(branchFolder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.length() > FileNames.START_LENGTH + 1 + EXTENSION.length() && name.endsWith(EXTENSION)
                        && name.charAt(FileNames.START_LENGTH) == '_' && Character.isDigit(name.charAt(0))) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed());
        return files;
    }

    private static String start(Path file) {
        return file.getFileName().toString().substring(0, FileNames.START_LENGTH);
    }

    private static String runKey(Path file) {
        String name = file.getFileName().toString();
        return name.substring(FileNames.START_LENGTH + 1, name.length() - EXTENSION.length());
    }

    /**
     * The newest {@code limit} runs that pass {@code wanted}. Names order the files by start; runs that
     * started in the same microsecond as the last one taken are all read, so that the run id decides
     * between them exactly as in every other store.
     */
    private static List<RunRecord> newest(Path branchFolder, String project, String branch, int limit,
            Predicate<RunRecord> wanted) throws IOException {
        List<RunRecord> taken = new ArrayList<>();
        String boundary = null;
        for (Path file : runFiles(branchFolder)) {
            if (boundary != null && !start(file).equals(boundary)) {
                break;
            }
            RunRecord run = read(file, project, branch);
            if (wanted.test(run)) {
                taken.add(run);
                if (taken.size() == limit) {
                    boundary = start(file);
                }
            }
        }
        taken.sort(RunOrder.NEWEST_FIRST);
        return List.copyOf(taken.subList(0, Math.min(limit, taken.size())));
    }

    private static RunRecord read(Path file, String project, String branch) throws IOException {
        RunRecord run = RunJson.read(Files.readAllBytes(file), file.toString());
        if (!run.project().equals(project) || !run.branch().equals(branch)
                || !runKey(file).equals(FileNames.key(run.runId()))) {
            throw new BadInputException(SourceLocation.ofFile(file.toString()), "holds run "
                    + run.runId() + " of project " + run.project() + ", branch " + run.branch()
                    + ", which does not belong under this name");
        }
        return run;
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
