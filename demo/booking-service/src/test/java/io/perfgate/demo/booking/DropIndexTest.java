package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index switch: a guest's bookings are found through their index until {@code demo.dropIndex} drops
 * it, and then by scanning every booking. Planned as perfgate plans them after the load: by the
 * statistics reader, {@code EXPLAIN (GENERIC_PLAN)} of the normalized text, nothing executed.
 */
class DropIndexTest {

    /** The guest bookings query of {@link BookingStore} as pg_stat_statements normalizes it. */
    private static final String GUEST_BOOKINGS = "SELECT b.id, b.room_id, r.number, b.check_in, b.check_out"
            + " FROM bookings b JOIN rooms r ON r.id = b.room_id WHERE b.guest_id = $1 ORDER BY b.check_in";

    @Test
    void shouldScanEveryBookingForAGuestOnceTheIndexIsDropped() throws SQLException {
        String readerPassword = UUID.randomUUID().toString();
        try (DemoDatabase database = DemoDatabase.start(0, readerPassword)) {
            assertThat(plan(database, readerPassword)).contains("\"Index Name\": \"" + BookingSchema.GUEST_INDEX + "\"")
                    .doesNotContain("\"Node Type\": \"Seq Scan\",\n        \"Parent Relationship\": \"Outer\"");

            database.dropGuestIndex();

            String scanned = plan(database, readerPassword);
            assertThat(scanned).doesNotContain(BookingSchema.GUEST_INDEX);
            assertThat(scanned.replaceAll("\\s+", " ")).contains("\"Node Type\": \"Seq Scan\", \"Parent Relationship\"")
                    .contains("\"Relation Name\": \"bookings\"");
        }
    }

    /** As perfgate asks: the simple query protocol leaves the {@code $1} to EXPLAIN. */
    private static String plan(DemoDatabase database, String readerPassword) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", DemoDatabase.READER_ROLE);
        properties.setProperty("password", readerPassword);
        properties.setProperty("preferQueryMode", "simple");
        try (Connection reader = DriverManager.getConnection(database.jdbcUrl(), properties);
                Statement statement = reader.createStatement()) {
            try (ResultSet result = statement.executeQuery("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + GUEST_BOOKINGS)) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
