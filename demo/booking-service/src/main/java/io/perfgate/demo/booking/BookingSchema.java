package io.perfgate.demo.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables and their seed: {@value #ROOMS} rooms, {@value #GUESTS} guests and
 * {@value #BOOKINGS_PER_ROOM} bookings per room ({@value #BOOKINGS} in all), always the same rows, so
 * every demo run measures the same database. A room's bookings follow each other week by week and
 * never overlap.
 */
final class BookingSchema {

    static final int ROOMS = 60;
    static final int GUESTS = 3000;
    static final int BOOKINGS_PER_ROOM = 500;
    static final int BOOKINGS = ROOMS * BOOKINGS_PER_ROOM;
    /** The index that finds a guest's bookings; {@code demo.dropIndex} drops it. */
    static final String GUEST_INDEX = "bookings_guest";

    private static final List<String> TABLES = List.of("""
            CREATE TABLE rooms (
              id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              number text NOT NULL UNIQUE,
              floor integer NOT NULL,
              beds integer NOT NULL,
              nightly_price numeric(8, 2) NOT NULL
            )""", """
            CREATE TABLE guests (
              id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              name text NOT NULL,
              email text NOT NULL UNIQUE
            )""", """
            CREATE TABLE bookings (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              room_id integer NOT NULL REFERENCES rooms (id),
              guest_id integer NOT NULL REFERENCES guests (id),
              check_in date NOT NULL,
              check_out date NOT NULL,
              created_at timestamptz NOT NULL DEFAULT now(),
              CHECK (check_out > check_in)
            )""",
            "CREATE INDEX " + GUEST_INDEX + " ON bookings (guest_id)",
            "CREATE INDEX bookings_room_dates ON bookings (room_id, check_in)");

    /*
     * Room r's k-th booking starts in week k of 2025, 0 to 2 days in, and lasts 1 to 5 nights, so it ends
     * by the start of week k + 1, before the next one begins. Guests are spread over the bookings.
     */
    private static final List<String> SEED = List.of("""
            INSERT INTO rooms (number, floor, beds, nightly_price)
            SELECT ((1 + (r - 1) / 12) * 100 + 1 + (r - 1) %% 12)::text, 1 + (r - 1) / 12, 1 + r %% 3, 80 + (r %% 7) * 15
            FROM generate_series(1, %d) AS r""".formatted(ROOMS), """
            INSERT INTO guests (name, email)
            SELECT 'Guest ' || g, 'guest' || g || '@example.test'
            FROM generate_series(1, %d) AS g""".formatted(GUESTS), """
            INSERT INTO bookings (room_id, guest_id, check_in, check_out)
            SELECT r, 1 + (r * 53 + k * 97) %% %d,
                   date '2017-01-02' + (k - 1) * 7 + (r * k) %% 3,
                   date '2017-01-02' + (k - 1) * 7 + (r * k) %% 3 + 1 + (r + k) %% 5
            FROM generate_series(1, %d) AS r, generate_series(1, %d) AS k
            ORDER BY r, k""".formatted(GUESTS, ROOMS, BOOKINGS_PER_ROOM),
            "ANALYZE rooms, guests, bookings");

    private BookingSchema() {
    }

    /** Creates and fills the tables in the connection's database, as the connection's user. */
    static void createAndSeed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : TABLES) {
                statement.execute(sql);
            }
            for (String sql : SEED) {
                statement.execute(sql);
            }
        }
    }
}
