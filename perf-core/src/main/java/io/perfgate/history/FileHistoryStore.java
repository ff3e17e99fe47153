package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p><b>Files that cannot be used</b> never stop the history; each is named in a warning through the
 * {@link Diagnostics} given, once per store:
 * <ul>
 *   <li>a run file or {@code marks.json} that is not what this perfgate writes (cut short, edited, another
 *       program's JSON) is set aside, renamed beside itself to {@code <name>.corrupt-<UTC time>} (see
 *       {@link SetAside}), never deleted; the history goes on without it. A run file set aside no longer
 *       holds its run id, so a retried build records its run again;</li>
 *   <li>a file of a newer history format is left as it is and skipped (a newer perfgate reads it), and
 *       {@code marks.json} of a newer format is never overwritten: pinning and flagging refuse;</li>
 *   <li>a run file of another project or branch (moved by hand) or one that cannot be read at all (no
 *       permission) is left as it is and skipped;</li>
 *   <li>files whose names are not run file names (a person's notes, files set aside) are not read.</li>
 * </ul>
 * A pinned run that is missing or cannot be read leaves the pin unused, with a warning: the baseline is
 * then the branch's recent runs.
 */
public final class FileHistoryStore implements HistoryStore {

    private static final String LOCK_FILE = ".lock";
    private static final String RUNS = "runs";
    private static final String EXTENSION = ".json";

    private final Path root;
    private final Diagnostics diagnostics;
    /** Files already named in a warning, so that a file skipped on every read is named once. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    /**
     * A store in {@code root}, which is created on the first write.
     *
     * @param diagnostics receives a warning for each file that is set aside or skipped
     */
    public FileHistoryStore(Path root, Diagnostics diagnostics) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
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
                Optional<Path> recorded = findRun(project, run.runId());
                if (recorded.isPresent() && holdsARun(project, recorded.get())) {
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

    /**
     * Whether the file of a run id that is being recorded again still holds a run; a corrupt one is set
     * aside so that the run can be recorded anew. Called under the project's lock.
     */
    private boolean holdsARun(Path projectFolder, Path file) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        try {
            RunJson.read(content, file.toString());
        } catch (NewerFormatException e) {
            return true;
        } catch (BadInputException e) {
            return !setAside(projectFolder, file, content, e, true, "the run is recorded anew");
        }
        return true;
    }

    @Override
    public Baseline baseline(BaselineQuery query) {
        Objects.requireNonNull(query, "query");
        Path project = projectFolder(query.project());
        Path branch = branchFolder(project, query.branch());
        try {
            Marks marks = marks(project, false, false);
            String pinned = marks.pins().get(query.branch());
            if (pinned != null && !marks.flags().containsKey(pinned) && !query.excludes(pinned)) {
                Optional<Path> file = findRunIn(branch, FileNames.key(pinned));
                Optional<RunRecord> run = file.isEmpty() ? Optional.empty()
                        : runOf(project, file.get(), query.project(), query.branch());
                if (run.isPresent()) {
                    return Baseline.pinned(run.get());
                }
                warnOnce(project.resolve(Marks.FILE_NAME), "the pinned run " + pinned + " of branch " + query.branch()
                        + " of " + query.project() + (file.isEmpty() ? " is missing from " + branch
                                : " cannot be read (see above)")
                        + ": the pin is not used, the baseline is the branch's recent runs until the run is restored"
                        + " or another run is pinned");
            }
            return Baseline.recent(newest(project, branch, query.project(), query.branch(), query.size(),
                    run -> usable(run.verdict()) && !marks.flags().containsKey(run.runId())
                            && !query.excludes(run.runId())));
        } catch (IOException | UncheckedIOException e) {
            return Baseline.unavailable("cannot read the run history in " + project + ": " + describe(e));
        } catch (HistoryException e) {
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
            Marks marks = marks(projectFolder, false, false);
            List<RecordedRun> runs = new ArrayList<>();
            for (RunRecord run : newest(projectFolder, branchFolder, projectName, branchName, limit, run -> true)) {
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
                Marks before = marks(projectFolder, true, true);
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

    /**
     * The project's pins and flags. A corrupt {@code marks.json} is set aside and none apply; one of a newer
     * format, or one that cannot be read, is skipped for reading and refused for changing, so that it is
     * never overwritten.
     *
     * @param locked   whether this thread holds the project's lock
     * @param changing whether the marks are read to be changed and written back
     */
    private Marks marks(Path projectFolder, boolean locked, boolean changing) throws IOException {
        Path file = projectFolder.resolve(Marks.FILE_NAME);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Marks.NONE;
        } catch (IOException e) {
            if (changing) {
                throw e;
            }
            warnOnce(file, file + " cannot be read (" + describe(e) + "): its pins and flags are not used");
            return Marks.NONE;
        }
        try {
            return Marks.parse(content, file.toString());
        } catch (NewerFormatException e) {
            if (changing) {
                throw new HistoryException(e.getMessage() + " before it changes the pins and flags");
            }
            warnOnce(file, e.getMessage() + ". A newer perfgate wrote it, so it is left as it is and its pins and"
                    + " flags are not used");
        } catch (BadInputException e) {
            setAside(projectFolder, file, content, e, locked, "its pins and flags no longer apply: repair it and"
                    + " rename it back to " + Marks.FILE_NAME + ", or pin and flag the runs again");
        }
        return Marks.NONE;
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

    /**
     * The run files of a branch folder, newest first by name. Only names this store gives a run file are
     * listed: temporary files, files set aside and any other file a person left there are not.
     */
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
     * between them exactly as in every other store. Files that cannot be used are left out (see the class).
     */
    private List<RunRecord> newest(Path projectFolder, Path branchFolder, String project, String branch, int limit,
            Predicate<RunRecord> wanted) throws IOException {
        List<RunRecord> taken = new ArrayList<>();
        String boundary = null;
        for (Path file : runFiles(branchFolder)) {
            if (boundary != null && !start(file).equals(boundary)) {
                break;
            }
            Optional<RunRecord> run = runOf(projectFolder, file, project, branch);
            if (run.isPresent() && wanted.test(run.get())) {
                taken.add(run.get());
                if (taken.size() == limit) {
                    boundary = start(file);
                }
            }
        }
        taken.sort(RunOrder.NEWEST_FIRST);
        return List.copyOf(taken.subList(0, Math.min(limit, taken.size())));
    }

    /** The run a file of the branch holds; empty, with a warning, when it cannot be used (see the class). */
    private Optional<RunRecord> runOf(Path projectFolder, Path file, String project, String branch)
            throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // set aside by another build since the folder was listed
        } catch (IOException e) {
            warnOnce(file, file + " cannot be read (" + describe(e) + "): it is left as it is and skipped");
            return Optional.empty();
        }
        RunRecord run;
        try {
            run = RunJson.read(content, file.toString());
        } catch (NewerFormatException e) {
            warnOnce(file, e.getMessage() + ". A newer perfgate wrote it, so it is left as it is and skipped");
            return Optional.empty();
        } catch (BadInputException e) {
            setAside(projectFolder, file, content, e, false, "the history goes on without it");
            return Optional.empty();
        }
        if (!run.project().equals(project) || !run.branch().equals(branch)
                || !runKey(file).equals(FileNames.key(run.runId()))) {
            warnOnce(file, file + ": holds run " + run.runId() + " of project " + run.project() + ", branch "
                    + run.branch() + ", which does not belong under this name: it is left as it is and skipped");
            return Optional.empty();
        }
        return Optional.of(run);
    }

    /**
     * Sets a file that cannot be read aside (see {@link SetAside}) and says so, unless it changed or went
     * since it was read: then it is left to the next reading. A file that cannot be renamed is skipped with
     * a warning.
     *
     * @param seen        the content that was found wrong
     * @param locked      whether this thread holds the project's lock
     * @param consequence what follows for the history, for the warning
     * @return whether the file was set aside
     */
    private boolean setAside(Path projectFolder, Path file, byte[] seen, BadInputException problem, boolean locked,
            String consequence) throws IOException {
        AtomicFiles.LockedWork<Boolean> work = () -> {
            byte[] now;
            try {
                now = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (!Arrays.equals(now, seen)) {
                return false; // replaced meanwhile (the file of a run recorded anew, marks written again)
            }
            Path aside;
            try {
                aside = SetAside.file(file, Instant.now());
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                warnOnce(file, problem.getMessage() + ". It cannot be set aside (" + describe(e) + "), so it is"
                        + " skipped");
                return false;
            }
            diagnostics.warning(problem.getMessage() + ". The file is set aside as " + aside.getFileName()
                    + " in " + aside.getParent() + ", and " + consequence);
            return true;
        };
        return locked ? work.run() : AtomicFiles.underLock(projectFolder.resolve(LOCK_FILE), work);
    }

    private void warnOnce(Path file, String text) {
        if (reported.add(file)) {
            diagnostics.warning(text);
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
