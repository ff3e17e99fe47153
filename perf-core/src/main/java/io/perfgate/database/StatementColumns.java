package io.perfgate.database;

import java.util.Objects;

/**
 * The columns of {@code pg_stat_statements} to read, which depend on the installed extension version
 * (not the server's: a server upgraded with pg_upgrade keeps the old extension until
 * {@code ALTER EXTENSION pg_stat_statements UPDATE}):
 *
 * <pre>
 * 1.4 – 1.7   (PostgreSQL 9.6 – 12)  total_time, mean_time, max_time
 * 1.8         (PostgreSQL 13)        total_exec_time, mean_exec_time, max_exec_time (planning time split off)
 * 1.9, 1.10   (PostgreSQL 14, 15–16) + toplevel, and the view pg_stat_statements_info (stats_reset, dealloc)
 * 1.11, 1.12  (PostgreSQL 17, 18)    + stats_since, when each entry's statistics began
 * </pre>
 *
 * @param extensionVersion the version as installed, e.g. {@code 1.11}
 * @param totalTime        the column of the total execution time, milliseconds
 * @param meanTime         the column of the mean execution time
 * @param maxTime          the column of the longest execution
 * @param hasTopLevel      whether the view has {@code toplevel}
 * @param hasInfo          whether the view {@code pg_stat_statements_info} exists
 * @param hasStatsSince    whether the view has {@code stats_since}
 */
public record StatementColumns(String extensionVersion, String totalTime, String meanTime, String maxTime,
        boolean hasTopLevel, boolean hasInfo, boolean hasStatsSince) {

    /** Leads every statement a snapshot runs, so the snapshots can leave their own statements out. */
    public static final String MARKER = "/* perfgate:snapshot */";

    public StatementColumns {
        Objects.requireNonNull(extensionVersion, "extensionVersion");
        Objects.requireNonNull(totalTime, "totalTime");
        Objects.requireNonNull(meanTime, "meanTime");
        Objects.requireNonNull(maxTime, "maxTime");
    }

    /**
     * The columns of the given extension version.
     *
     * @throws DatabaseCaptureException ({@link DatabaseProblem#UNSUPPORTED_VERSION}) for versions before
     *                                  1.4 or a version that is not {@code major.minor}
     */
    public static StatementColumns forExtensionVersion(String version) {
        int[] parts = parse(version);
        if (parts == null || parts[0] < 1 || parts[0] == 1 && parts[1] < 4) {
            throw new DatabaseCaptureException(DatabaseProblem.UNSUPPORTED_VERSION, "pg_stat_statements version "
                    + version + " is not supported; perfgate reads 1.4 (PostgreSQL 9.6) and later. Update it with "
                    + "ALTER EXTENSION pg_stat_statements UPDATE;");
        }
        boolean atLeast18 = atLeast(parts, 1, 8);
        return new StatementColumns(version,
                atLeast18 ? "total_exec_time" : "total_time",
                atLeast18 ? "mean_exec_time" : "mean_time",
                atLeast18 ? "max_exec_time" : "max_time",
                atLeast(parts, 1, 9), atLeast(parts, 1, 9), atLeast(parts, 1, 11));
    }

    /**
     * The query of one database's entries, the view qualified by the schema the extension lives in;
     * its one parameter is the database's oid. Columns: userid, dbid, queryid, toplevel, role name,
     * query, calls, total, mean and max time, rows, shared blocks hit and read, stats_since.
     */
    public String selectSql(String extensionSchema) {
        String view = quoteIdentifier(extensionSchema) + ".pg_stat_statements";
        return MARKER + " SELECT s.userid, s.dbid, s.queryid, " + (hasTopLevel ? "s.toplevel" : "true")
                + ", COALESCE(r.rolname, ''), s.query, s.calls, s." + totalTime + ", s." + meanTime + ", s." + maxTime
                + ", s.rows, s.shared_blks_hit, s.shared_blks_read, " + (hasStatsSince ? "s.stats_since" : "NULL")
                + " FROM " + view + " s LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.userid WHERE s.dbid = ?";
    }

    /** The query of {@code stats_reset} and {@code dealloc}, where {@link #hasInfo}. */
    public String infoSql(String extensionSchema) {
        return MARKER + " SELECT stats_reset, dealloc FROM " + quoteIdentifier(extensionSchema)
                + ".pg_stat_statements_info";
    }

    /** A schema name as an SQL identifier: names cannot be parameters, so they are quoted. */
    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean atLeast(int[] parts, int major, int minor) {
        return parts[0] > major || parts[0] == major && parts[1] >= minor;
    }

    /** {@code 1.11} as {1, 11}; null when it is not two numbers joined by a dot. */
    private static int[] parse(String version) {
        String[] split = version.strip().split("\\.");
        if (split.length != 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(split[0]), Integer.parseInt(split[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
