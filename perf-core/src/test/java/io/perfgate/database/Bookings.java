package io.perfgate.database;

import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A small booking application's database and the requests it serves, in two versions: one that loads
 * each booking's guest with a query of its own (N+1) and one that joins.
 */
final class Bookings {

    static final int DAYS = 5;
    static final int BOOKINGS_PER_DAY = 10;

    static final String LIST_BOOKINGS = "SELECT id, guest_id FROM bookings WHERE day = ?";
    static final String GUEST = "SELECT name FROM guests WHERE id = ?";
    static final String BOOKINGS_WITH_GUESTS = "SELECT b.id, g.name FROM bookings b JOIN guests g ON g.id = b.guest_id"
            + " WHERE b.day = ?";

    private final TestPostgres server;
    private final PostgresConnectionSettings settings;

    private Bookings(TestPostgres server, PostgresConnectionSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** A new database on {@code server} with the tables, and pg_stat_statements when {@code withExtension}. */
    static Bookings create(TestPostgres server, boolean withExtension) throws SQLException {
        PostgresConnectionSettings settings = server.newDatabase();
        Bookings bookings = new Bookings(server, settings);
        try (Connection connection = bookings.connect(); Statement statement = connection.createStatement()) {
            if (withExtension) {
                statement.execute("CREATE EXTENSION pg_stat_statements");
            }
            statement.execute("CREATE TABLE guests (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("CREATE TABLE bookings (id int PRIMARY KEY, guest_id int NOT NULL REFERENCES guests,"
                    + " day int NOT NULL)");
            statement.execute("INSERT INTO guests SELECT g, 'guest ' || g FROM generate_series(1, 100) g");
            statement.execute("INSERT INTO bookings SELECT b, 1 + b % 100, b % " + DAYS
                    + " FROM generate_series(1, " + DAYS * BOOKINGS_PER_DAY + ") b");
        }
        return bookings;
    }

    PostgresConnectionSettings settings() {
        return settings;
    }

    String databaseName() {
        return settings.target().substring(settings.target().indexOf('/') + 1);
    }

    /**
     * A connection as the superuser. The driver then sends its application name at login rather than
     * with a {@code SET} statement that pg_stat_statements would count among the application's.
     */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.SUPERUSER);
        properties.setProperty("password", TestPostgres.PASSWORD);
        properties.setProperty("assumeMinServerVersion", "9.4");
        return DriverManager.getConnection(server.url(databaseName()), properties);
    }

    /** Serves {@code requests} requests for the bookings of a day with their guests' names, one query per guest. */
    void serveNPlusOne(int requests) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement list = connection.prepareStatement(LIST_BOOKINGS);
                PreparedStatement guest = connection.prepareStatement(GUEST)) {
            for (int request = 0; request < requests; request++) {
                list.setInt(1, request % DAYS);
                List<Integer> guests = new ArrayList<>();
                try (ResultSet result = list.executeQuery()) {
                    while (result.next()) {
                        guests.add(result.getInt(2));
                    }
                }
                for (int id : guests) {
                    guest.setInt(1, id);
                    try (ResultSet result = guest.executeQuery()) {
                        result.next();
                    }
                }
            }
        }
    }

    /** Serves the same requests with one joined query each. */
    void serveJoined(int requests) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement joined = connection.prepareStatement(BOOKINGS_WITH_GUESTS)) {
            for (int request = 0; request < requests; request++) {
                joined.setInt(1, request % DAYS);
                try (ResultSet result = joined.executeQuery()) {
                    while (result.next()) {
                        result.getString(2);
                    }
                }
            }
        }
    }

    /** Runs {@code sql} as the superuser in this database. */
    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
