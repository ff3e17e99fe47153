package io.perfgate.gate;

import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.PostgresHistoryStore;
import io.perfgate.history.SpoolingHistoryStore;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the run history is kept, as a user writes it ({@code perf.history}):
 * <ul>
 *   <li>empty: the file store in {@code ~/.perfgate/history}, outside every build folder;</li>
 *   <li>a folder: a file store there, e.g. on a disk the CI agents share;</li>
 *   <li>{@code jdbc:postgresql://host:5432/perf}: PostgreSQL, for many agents and repositories; runs are
 *       spooled locally (by default in {@code ~/.perfgate/spool}) while the database is down and written by a later
 *       build;</li>
 *   <li>{@code none}: no history; regression rules are then undecided unless the build runs A/B.</li>
 * </ul>
 */
public final class HistoryLocation {

    public static final String NONE = "none";

    private HistoryLocation() {
    }

    /**
     * Opens the store the location names. Nothing is connected yet: a database that is down shows when
     * the store is used, as an unavailable baseline and a spooled run.
     *
     * @param user     the database user; only for PostgreSQL
     * @param password the user's password, empty for none; only for PostgreSQL, never in any message
     * @param spool    where PostgreSQL runs wait while the database is down, usually
     *                 {@link SpoolingHistoryStore#defaultSpoolFolder()}
     * @throws IllegalArgumentException for a JDBC URL of another database, or a malformed PostgreSQL URL
     */
    public static Optional<HistoryStore> open(String location, String user, String password, Path spool,
            Diagnostics diagnostics) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(diagnostics, "diagnostics");
        String written = location.strip();
        if (written.isEmpty()) {
            return Optional.of(new FileHistoryStore(FileHistoryStore.defaultRoot(), diagnostics));
        }
        if (written.equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        if (written.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            if (!written.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the history can be kept in PostgreSQL (jdbc:postgresql://host:port/"
                        + "database), a folder, or not at all (none); not in " + withoutParameters(written));
            }
            PostgresConnectionSettings settings = PostgresConnectionSettings.of(written,
                    Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            return Optional.of(new SpoolingHistoryStore(new PostgresHistoryStore(settings),
                    Objects.requireNonNull(spool, "spool"), diagnostics));
        }
        return Optional.of(new FileHistoryStore(Path.of(written), diagnostics));
    }

    /** Whether the location names a database, whose credentials must be looked up. */
    public static boolean isDatabase(String location) {
        return location != null && location.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:");
    }

    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
