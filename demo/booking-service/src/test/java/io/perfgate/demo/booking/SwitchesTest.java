package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two switches over one database: the N+1 pattern, counted as perfgate counts it, in
 * {@code pg_stat_statements} read by the statistics reader role; and the slowdown, as the responses'
 * Server-Timing headers and the client's clock tell it. Three servers: with a join, with a query per
 * guest, and three times slower.
 */
class SwitchesTest {

    private static final String READER_PASSWORD = UUID.randomUUID().toString();
    private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=(\\d+\\.\\d+), slowdown;dur=(\\d+\\.\\d+)");

    private static DemoDatabase database;
    private static ConnectionPool pool;
    private static Lifetime lifetime;
    private static BookingServer joined;
    private static BookingServer oneByOne;
    private static BookingServer slowed;

    @BeforeAll
    static void start() throws SQLException {
        database = DemoDatabase.start(0, READER_PASSWORD);
        pool = new ConnectionPool(database::connectAsApplication, 4);
        lifetime = new Lifetime(Duration.ofMinutes(10), Duration.ofMinutes(10), System::nanoTime);
        joined = BookingServer.start(0, 2, new BookingApi(new BookingStore(pool, false)), Slowdown.of(1), lifetime,
                "token");
        oneByOne = BookingServer.start(0, 2, new BookingApi(new BookingStore(pool, true)), Slowdown.of(1), lifetime,
                "token");
        slowed = BookingServer.start(0, 2, new BookingApi(new BookingStore(pool, false)), Slowdown.of(3), lifetime,
                "token");
    }

    @AfterAll
    static void stop() {
        slowed.close();
        oneByOne.close();
        joined.close();
        pool.close();
        database.close();
    }

    @Test
    void shouldAnswerTheSameWithTheSwitchOnOrOff() {
        for (int room : new int[] {1, 17, 60}) {
            Http.Answer withJoin = http(joined).get("/rooms/" + room + "/bookings");
            Http.Answer withQueryPerGuest = http(oneByOne).get("/rooms/" + room + "/bookings");

            assertThat(withQueryPerGuest.status()).isEqualTo(200);
            assertThat(withQueryPerGuest.json()).hasSize(BookingSchema.BOOKINGS_PER_ROOM).isEqualTo(withJoin.json());
        }
    }

    @Test
    void shouldReadTheGuestsWithTheBookingsInOneJoinWhenOff() throws SQLException {
        long guestQueries = calls("%from guests%");
        long allQueries = calls("%");

        http(joined).get("/rooms/3/bookings");

        assertThat(calls("%from guests%") - guestQueries).isZero();
        assertThat(calls("%") - allQueries).isEqualTo(2); // the room's number, then bookings joined with guests
    }

    @Test
    void shouldQueryEachBookingsGuestOnItsOwnWhenOn() throws SQLException {
        long guestQueries = calls("%from guests%");
        long allQueries = calls("%");

        http(oneByOne).get("/rooms/3/bookings");

        assertThat(calls("%from guests%") - guestQueries).isEqualTo(BookingSchema.BOOKINGS_PER_ROOM);
        assertThat(calls("%") - allQueries).isEqualTo(2 + BookingSchema.BOOKINGS_PER_ROOM);
    }

    @Test
    void shouldLetTheStatisticsReaderSeeTheApplicationsStatements() throws SQLException {
        http(joined).get("/rooms");

        try (Connection reader = database.connectAsReader(READER_PASSWORD);
                PreparedStatement query = reader.prepareStatement("SELECT query FROM pg_stat_statements"
                        + " WHERE userid = to_regrole(?) AND query LIKE 'SELECT r.id, r.number%'")) {
            query.setString(1, DemoDatabase.APPLICATION_ROLE);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).startsWith("SELECT r.id, r.number, r.floor, r.beds, r.nightly_price,");
            }
        }
    }

    @Test
    void shouldHoldEachResponseBackTwiceItsHandlingTimeAtASlowdownOfThree() {
        for (int request = 0; request < 20; request++) {
            long start = System.nanoTime();
            Http.Answer answer = http(slowed).get("/rooms/" + (1 + request) + "/bookings");
            double clientMillis = (System.nanoTime() - start) / 1e6;

            Matcher timing = SERVER_TIMING.matcher(answer.header("Server-Timing"));
            assertThat(timing.matches()).as(answer.header("Server-Timing")).isTrue();
            double app = Double.parseDouble(timing.group(1));
            double slowdown = Double.parseDouble(timing.group(2));
            assertThat(slowdown).as("held back, ms").isGreaterThanOrEqualTo(2 * app - 0.002);
            assertThat(clientMillis).as("seen by the client, ms").isGreaterThanOrEqualTo(app + slowdown - 0.002);
        }
    }

    @Test
    void shouldHoldNothingBackWithoutSlowdown() {
        Http.Answer answer = http(joined).get("/rooms/5/bookings");

        Matcher timing = SERVER_TIMING.matcher(answer.header("Server-Timing"));
        assertThat(timing.matches()).isTrue();
        assertThat(Double.parseDouble(timing.group(2))).isLessThan(1.0);
    }

    /** Calls so far of the application's statements whose text matches {@code pattern} (LIKE, any case). */
    private static long calls(String pattern) throws SQLException {
        try (Connection reader = database.connectAsReader(READER_PASSWORD);
                PreparedStatement query = reader.prepareStatement("SELECT coalesce(sum(calls), 0)"
                        + " FROM pg_stat_statements WHERE userid = to_regrole(?) AND query ILIKE ?")) {
            query.setString(1, DemoDatabase.APPLICATION_ROLE);
            query.setString(2, pattern);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Http http(BookingServer server) {
        return new Http(java.net.URI.create("http://127.0.0.1:" + server.port()));
    }
}
