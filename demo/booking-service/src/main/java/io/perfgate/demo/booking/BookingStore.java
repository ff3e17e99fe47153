package io.perfgate.demo.booking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API's queries. With {@code nPlusOne} on, {@link #roomBookings} reads a room's bookings and then
 * each booking's guest with a query of its own, the N+1 pattern an ORM's lazy loading produces; off, one
 * join reads both. The answers are the same either way; only the number of statements differs.
 */
final class BookingStore {

    /** A room as the API shows it, with how often and how long it was booked. */
    record Room(int id, String number, int floor, int beds, BigDecimal nightlyPrice, int bookings,
            int bookedNights) {
    }

    /** A booking with the names the API shows beside the ids. */
    record Booking(long id, int roomId, String roomNumber, int guestId, String guestName, String checkIn,
            String checkOut) {
    }

    /** A request for the first free stay of {@code nights} in a room on or after {@code from}. */
    record NewBooking(int roomId, int guestId, LocalDate from, int nights) {
    }

    /** The room or the guest of a new booking does not exist. */
    static final class UnknownReferenceException extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownReferenceException(String message) {
            super(message);
        }
    }

    private static final String BOOKING_COLUMNS = "SELECT b.id, b.room_id, r.number, b.guest_id, g.name,"
            + " b.check_in, b.check_out FROM bookings b JOIN rooms r ON r.id = b.room_id"
            + " JOIN guests g ON g.id = b.guest_id";

    private final ConnectionPool pool;
    private final boolean nPlusOne;

    BookingStore(ConnectionPool pool, boolean nPlusOne) {
        this.pool = pool;
        this.nPlusOne = nPlusOne;
    }

    List<Room> rooms() throws SQLException {
        return pool.with(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT r.id, r.number, r.floor, r.beds, r.nightly_price, count(b.id),"
                            + " coalesce(sum(b.check_out - b.check_in), 0) FROM rooms r"
                            + " LEFT JOIN bookings b ON b.room_id = r.id GROUP BY r.id ORDER BY r.id");
                    ResultSet result = query.executeQuery()) {
                List<Room> rooms = new ArrayList<>();
                while (result.next()) {
                    rooms.add(new Room(result.getInt(1), result.getString(2), result.getInt(3), result.getInt(4),
                            result.getBigDecimal(5), result.getInt(6), result.getInt(7)));
                }
                return rooms;
            }
        });
    }

    /** The room's bookings in date order, empty when there is no such room. */
    Optional<List<Booking>> roomBookings(int roomId) throws SQLException {
        return pool.with(connection -> {
            Optional<String> number = roomNumber(connection, roomId);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(nPlusOne ? roomBookingsOneByOne(connection, roomId, number.get())
                    : roomBookingsJoined(connection, roomId, number.get()));
        });
    }

    private static List<Booking> roomBookingsJoined(Connection connection, int roomId, String roomNumber)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT b.id, b.guest_id, g.name, b.check_in,"
                + " b.check_out FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE b.room_id = ?"
                + " ORDER BY b.check_in")) {
            query.setInt(1, roomId);
            try (ResultSet result = query.executeQuery()) {
                List<Booking> bookings = new ArrayList<>();
                while (result.next()) {
                    bookings.add(new Booking(result.getLong(1), roomId, roomNumber, result.getInt(2),
                            result.getString(3), date(result, 4), date(result, 5)));
                }
                return bookings;
            }
        }
    }

    /** The N+1 pattern: one query for the bookings, then one per booking for its guest's name. */
    private static List<Booking> roomBookingsOneByOne(Connection connection, int roomId, String roomNumber)
            throws SQLException {
        List<Booking> withoutNames = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, guest_id, check_in, check_out"
                + " FROM bookings WHERE room_id = ? ORDER BY check_in")) {
            query.setInt(1, roomId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    withoutNames.add(new Booking(result.getLong(1), roomId, roomNumber, result.getInt(2), null,
                            date(result, 3), date(result, 4)));
                }
            }
        }
        List<Booking> bookings = new ArrayList<>();
        try (PreparedStatement guest = connection.prepareStatement("SELECT name FROM guests WHERE id = ?")) {
            for (Booking booking : withoutNames) {
                guest.setInt(1, booking.guestId());
                try (ResultSet result = guest.executeQuery()) {
                    result.next();
                    bookings.add(new Booking(booking.id(), roomId, roomNumber, booking.guestId(), result.getString(1),
                            booking.checkIn(), booking.checkOut()));
                }
            }
        }
        return bookings;
    }

    /** The guest's bookings in date order, empty when there is no such guest. */
    Optional<List<Booking>> guestBookings(int guestId) throws SQLException {
        return pool.with(connection -> {
            Optional<String> name = guestName(connection, guestId);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT b.id, b.room_id, r.number,"
                    + " b.check_in, b.check_out FROM bookings b JOIN rooms r ON r.id = b.room_id"
                    + " WHERE b.guest_id = ? ORDER BY b.check_in")) {
                query.setInt(1, guestId);
                try (ResultSet result = query.executeQuery()) {
                    List<Booking> bookings = new ArrayList<>();
                    while (result.next()) {
                        bookings.add(new Booking(result.getLong(1), result.getInt(2), result.getString(3), guestId,
                                name.get(), date(result, 4), date(result, 5)));
                    }
                    return Optional.of(bookings);
                }
            }
        });
    }

    Optional<Booking> booking(long id) throws SQLException {
        return pool.with(connection -> booking(connection, id));
    }

    /**
     * Books the room for the first stay of the requested length that starts on or after {@code from} and
     * overlaps no other booking of the room: after the last booking that ends later than {@code from}.
     * The room's row is locked meanwhile, so two requests cannot take the same nights.
     *
     * @throws UnknownReferenceException when the room or the guest does not exist
     */
    Booking book(NewBooking request) throws SQLException, UnknownReferenceException {
        try {
            return pool.inTransaction(connection -> {
                try (PreparedStatement lock = connection.prepareStatement(
                        "SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                    lock.setInt(1, request.roomId());
                    try (ResultSet result = lock.executeQuery()) {
                        if (!result.next()) {
                            throw new UnknownReference("there is no room " + request.roomId());
                        }
                    }
                }
                LocalDate checkIn;
                try (PreparedStatement free = connection.prepareStatement("SELECT greatest(max(check_out), ?::date)"
                        + " FROM bookings WHERE room_id = ? AND check_out > ?::date")) {
                    free.setObject(1, request.from());
                    free.setInt(2, request.roomId());
                    free.setObject(3, request.from());
                    try (ResultSet result = free.executeQuery()) {
                        result.next();
                        checkIn = result.getObject(1, LocalDate.class);
                    }
                }
                long id;
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bookings (room_id, guest_id,"
                        + " check_in, check_out) SELECT ?, g.id, ?::date, ?::date FROM guests g WHERE g.id = ? RETURNING id")) {
                    insert.setInt(1, request.roomId());
                    insert.setObject(2, checkIn);
                    insert.setObject(3, checkIn.plusDays(request.nights()));
                    insert.setInt(4, request.guestId());
                    try (ResultSet result = insert.executeQuery()) {
                        if (!result.next()) {
                            throw new UnknownReference("there is no guest " + request.guestId());
                        }
                        id = result.getLong(1);
                    }
                }
                return booking(connection, id).orElseThrow();
            });
        } catch (UnknownReference e) {
            throw new UnknownReferenceException(e.getMessage());
        }
    }

    /** Carries an unknown room or guest out of the transaction, which it rolls back. */
    private static final class UnknownReference extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownReference(String message) {
            super(message, null, false, false);
        }
    }

    private static Optional<Booking> booking(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(BOOKING_COLUMNS + " WHERE b.id = ?")) {
            query.setLong(1, id);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Booking(result.getLong(1), result.getInt(2), result.getString(3),
                        result.getInt(4), result.getString(5), date(result, 6), date(result, 7)));
            }
        }
    }

    private static Optional<String> roomNumber(Connection connection, int roomId) throws SQLException {
        return text(connection, "SELECT number FROM rooms WHERE id = ?", roomId);
    }

    private static Optional<String> guestName(Connection connection, int guestId) throws SQLException {
        return text(connection, "SELECT name FROM guests WHERE id = ?", guestId);
    }

    private static Optional<String> text(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, id);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    private static String date(ResultSet result, int column) throws SQLException {
        return result.getObject(column, LocalDate.class).toString();
    }
}
