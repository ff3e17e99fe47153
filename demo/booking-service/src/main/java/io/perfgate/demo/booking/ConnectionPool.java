package io.perfgate.demo.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of connections, all opened at start, as many as the HTTP server has threads, so a request
 * never waits for one and the measured time is the queries' own. Opened before the load, their set-up
 * statements stay out of the statistics perfgate snapshots. A connection that failed at the network
 * level is replaced.
 */
final class ConnectionPool implements AutoCloseable {

    /** Opens one connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Work on a borrowed connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Duration BORROW_TIMEOUT = Duration.ofSeconds(10);

    private final Opener opener;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> opened = new ArrayList<>();
    private volatile boolean closed;

    ConnectionPool(Opener opener, int size) throws SQLException {
        this.opener = opener;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                idle.add(open());
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode; the connection returns to the pool after.
     *
     * @throws SQLException from the work, or when no connection came free in time
     */
    <T> T with(Work<T> work) throws SQLException {
        Connection connection = borrow();
        boolean healthy = true;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            healthy = !isConnectionFailure(e);
            throw e;
        } finally {
            giveBack(connection, healthy);
        }
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        return with(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed", "08003");
        }
        try {
            Connection connection = idle.poll(BORROW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (connection == null) {
                throw new SQLException("no database connection came free within " + BORROW_TIMEOUT.toSeconds() + " s");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
    }

    private void giveBack(Connection connection, boolean healthy) throws SQLException {
        if (healthy || closed) {
            idle.add(connection);
            return;
        }
        forget(connection);
        idle.add(open());
    }

    private synchronized void forget(Connection connection) {
        opened.remove(connection);
        closeQuietly(connection);
    }

    private synchronized Connection open() throws SQLException {
        Connection connection = opener.open();
        opened.add(connection);
        return connection;
    }

    /** SQL state class 08: the connection itself failed, so it cannot be reused. */
    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // a broken connection; it is replaced either way
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        opened.forEach(ConnectionPool::closeQuietly);
        opened.clear();
        idle.clear();
    }
}
