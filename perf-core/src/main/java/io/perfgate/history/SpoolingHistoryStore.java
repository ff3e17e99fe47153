package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL with a local spool in front, so that a database outage loses no run. When PostgreSQL
 * cannot be reached, {@link #record} keeps the run in the spool folder, says so through
 * {@link Diagnostics} (with the database's host, port and name, never a credential) and returns
 * {@link RecordOutcome#SPOOLED}; every later call first writes the spooled runs to the database,
 * oldest first. Writing a run twice is harmless, the database keeps it once.
 *
 * <p>While the database is down, {@link #baseline} fails closed: it returns an unavailable
 * baseline with the reason, so the regression check comes out inconclusive instead of passing
 * against a partial history. Pins, flags and trends throw {@link HistoryUnavailableException}: they
 * are deliberate acts that should not silently half-happen.
 *
 * <p>Only a database that cannot be reached spools. One that refuses the build's settings (a wrong
 * password, a missing database) throws {@link HistoryConfigurationException} from every call and spools
 * nothing: no later build could write the run with the same settings.
 *
 * <p>The spool folder may be shared by every project of an agent. A spooled file that cannot be read is
 * set aside (renamed beside itself, never deleted) with one warning, and one the database refuses stays
 * with one warning per store: neither stops the flush, nor fails the build that found it.
 */
public final class SpoolingHistoryStore implements HistoryStore {

    private final PostgresHistoryStore database;
    private final RunSpool spool;
    private final Diagnostics diagnostics;
    /** Spooled files already named in a warning: each flush of a build would name them again. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param database       where the history lives
     * @param spoolFolder    where runs wait while the database is down, e.g.
     *                       {@code ~/.perfgate/spool}; outside {@code target/}, so {@code mvn clean} keeps it.
     *                       Its runs go to whichever database the next build names, so one spool
     *                       folder serves one history database
     * @param diagnostics    receives what was spooled and what was written later
     */
    public SpoolingHistoryStore(PostgresHistoryStore database, Path spoolFolder, Diagnostics diagnostics) {
        this.database = Objects.requireNonNull(database, "database");
        this.spool = new RunSpool(Objects.requireNonNull(spoolFolder, "spoolFolder"));
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /** {@code ~/.perfgate/spool}. */
    public static Path defaultSpoolFolder() {
        return Path.of(System.getProperty("user.home"), ".perfgate", "spool");
    }

    public Path spoolFolder() {
        return spool.folder();
    }

    /** How many runs wait in the spool. */
    public int spooledRuns() {
        try {
            return spool.files().size();
        } catch (IOException e) {
            throw new HistoryException("cannot list the spool " + spool.folder() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return database.location() + " (spooling in " + spool.folder() + ")";
    }

    @Override
    public RecordOutcome record(RunRecord run) {
        Objects.requireNonNull(run, "run");
        try {
            flushWaiting();
        } catch (HistoryUnavailableException e) {
            return spool(run, e); // one connection attempt per build is enough to know
        }
        try {
            return database.record(run);
        } catch (HistoryUnavailableException e) {
            return spool(run, e);
        }
    }

    private RecordOutcome spool(RunRecord run, HistoryUnavailableException down) {
        Path file;
        try {
            file = spool.add(run);
        } catch (IOException e) {
            HistoryException lost = new HistoryException(down.getMessage() + "; and the run " + run.runId()
                    + " cannot be spooled in " + spool.folder() + ": " + e.getMessage(), e);
            lost.addSuppressed(down);
            throw lost;
        }
        diagnostics.warning(down.getMessage() + "; the run " + run.runId() + " of " + run.project()
                + " is spooled in " + file.getParent() + " and will be written on a later build");
        return RecordOutcome.SPOOLED;
    }

    @Override
    public Baseline baseline(BaselineQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            flushWaiting();
        } catch (HistoryUnavailableException | HistoryConfigurationException e) {
            return Baseline.unavailable(e.getMessage());
        }
        return database.baseline(query);
    }

    @Override
    public List<RecordedRun> runs(String project, String branch, int limit) {
        flushWaiting();
        return database.runs(project, branch, limit);
    }

    @Override
    public void pin(String project, String branch, String runId) {
        flushWaiting();
        database.pin(project, branch, runId);
    }

    @Override
    public boolean unpin(String project, String branch) {
        flushWaiting();
        return database.unpin(project, branch);
    }

    @Override
    public void flag(String project, String runId, String reason) {
        flushWaiting();
        database.flag(project, runId, reason);
    }

    @Override
    public boolean unflag(String project, String runId) {
        flushWaiting();
        return database.unflag(project, runId);
    }

    /**
     * Writes the spooled runs to the database, oldest first.
     *
     * @throws HistoryUnavailableException when the database is still down; the runs stay spooled
     * @throws HistoryConfigurationException when the database refuses the settings; the runs stay spooled
     */
    public void flush() {
        HistoryException[] stopped = new HistoryException[1];
        Optional<Integer> written;
        try {
            written = spool.flush(new RunSpool.Replay() {
                @Override
                public RunSpool.Replayed replay(Path file, RunRecord run) {
                    try {
                        database.record(run);
                        return RunSpool.Replayed.WRITTEN;
                    } catch (HistoryUnavailableException | HistoryConfigurationException e) {
                        stopped[0] = e;
                        return RunSpool.Replayed.STOPPED;
                    } catch (HistoryException e) {
                        warnOnce(file, "the spooled run " + run.runId() + " of " + run.project() + " in " + file
                                + " cannot be written to " + database.location() + ": " + e.getMessage()
                                + "; it stays in the spool");
                        return RunSpool.Replayed.KEPT;
                    }
                }

                @Override
                public void setAside(Path file, Path aside, BadInputException problem) {
                    diagnostics.warning("the spooled run " + problem.getMessage() + ". The file is set aside as "
                            + aside.getFileName() + " in " + aside.getParent() + ", and the other spooled runs are"
                            + " written");
                }

                @Override
                public void skipped(Path file, String problem) {
                    warnOnce(file, "the spooled run " + problem + "; the other spooled runs are written");
                }
            });
        } catch (IOException e) {
            throw new HistoryException("cannot read the spool " + spool.folder() + ": " + e.getMessage(), e);
        }
        if (written.isPresent() && written.get() > 0) {
            diagnostics.info("wrote " + written.get() + (written.get() == 1 ? " spooled run" : " spooled runs")
                    + " from " + spool.folder() + " to " + database.location());
        }
        if (stopped[0] != null) {
            throw stopped[0];
        }
    }

    /**
     * {@link #flush()} before the database is used; a spool that cannot be listed is a warning, as it must not
     * cost this build its history.
     */
    private void flushWaiting() {
        try {
            flush();
        } catch (HistoryUnavailableException | HistoryConfigurationException e) {
            throw e;
        } catch (HistoryException e) {
            warnOnce(spool.folder(), e.getMessage());
        }
    }

    private void warnOnce(Path file, String text) {
        if (reported.add(file)) {
            diagnostics.warning(text);
        }
    }
}
