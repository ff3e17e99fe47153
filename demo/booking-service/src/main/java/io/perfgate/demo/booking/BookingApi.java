package io.perfgate.demo.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes, from a request to a complete response (sent by {@link BookingServer}):
 *
 * <pre>
 * GET  /health                  200 {"status":"up"}
 * GET  /rooms                   every room
 * GET  /rooms/{id}/bookings     the room's bookings with their guests' names (the N+1 switch)
 * GET  /bookings?guest={id}     the guest's bookings with their rooms' numbers
 * GET  /bookings/{id}           one booking
 * POST /bookings                {"roomId":7,"guestId":42,"from":"2026-03-01","nights":2}: books the first
 *                               free stay of that length on or after "from"; 201 with the booking
 * </pre>
 *
 * Errors are JSON too, {@code {"error":"..."}}: 400 for a malformed request, 404 for an unknown path,
 * room, guest or booking, 405 for a method a path does not take, 500 when the database fails.
 */
final class BookingApi {

    /** A complete response. */
    record Response(int status, byte[] body, Map<String, String> headers) {

        Response {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /** What the API takes to book; absent fields are null so that the error can name them. */
    record BookingRequest(Integer roomId, Integer guestId, String from, Integer nights) {
    }

    static final int MAX_NIGHTS = 30;
    /** A request body larger than this is refused unread. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Pattern ROOM_BOOKINGS = Pattern.compile("/rooms/([^/]+)/bookings");
    private static final Pattern BOOKING = Pattern.compile("/bookings/([^/]+)");

    private final BookingStore store;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    BookingApi(BookingStore store) {
        this.store = store;
    }

    /** An error the client caused or asked for, with its status. */
    static final class ApiException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Answers one request.
     *
     * @param method the HTTP method
     * @param path   the decoded path, e.g. {@code /rooms/7/bookings}
     * @param query  the raw query string, or null
     * @param body   the request body
     */
    Response handle(String method, String path, String query, InputStream body) {
        try {
            return route(method, path, query, body);
        } catch (ApiException e) {
            return error(e.status(), e.getMessage());
        } catch (SQLException e) {
            System.err.println("booking-service: " + method + " " + path + " failed in the database: "
                    + e.getMessage());
            return error(500, "the database failed to answer");
        }
    }

    private Response route(String method, String path, String query, InputStream body)
            throws ApiException, SQLException {
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            return ok(200, Map.of("status", "up"));
        }
        if (path.equals("/rooms")) {
            requireMethod(method, "GET");
            return ok(200, store.rooms());
        }
        Matcher roomBookings = ROOM_BOOKINGS.matcher(path);
        if (roomBookings.matches()) {
            requireMethod(method, "GET");
            int room = intId("room", roomBookings.group(1));
            return ok(200, store.roomBookings(room)
                    .orElseThrow(() -> new ApiException(404, "there is no room " + room)));
        }
        if (path.equals("/bookings")) {
            if (method.equals("POST")) {
                return book(body);
            }
            requireMethod(method, "GET", "POST");
            String guestText = parameter(query, "guest")
                    .orElseThrow(() -> new ApiException(400, "GET /bookings needs ?guest={id}"));
            int guest = intId("guest", guestText);
            return ok(200, store.guestBookings(guest)
                    .orElseThrow(() -> new ApiException(404, "there is no guest " + guest)));
        }
        Matcher booking = BOOKING.matcher(path);
        if (booking.matches()) {
            requireMethod(method, "GET");
            long id = longId("booking", booking.group(1));
            return ok(200, store.booking(id).orElseThrow(() -> new ApiException(404, "there is no booking " + id)));
        }
        throw new ApiException(404, "no such resource: " + path);
    }

    private Response book(InputStream body) throws ApiException, SQLException {
        BookingRequest request;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiException(400, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (bytes.length == 0) {
                throw new ApiException(400, "POST /bookings needs a JSON body: {\"roomId\":7,\"guestId\":42,"
                        + "\"from\":\"2026-03-01\",\"nights\":2}");
            }
            request = json.readValue(bytes, BookingRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "the request body is not a booking: unknown field \"" + e.getPropertyName()
                    + "\"" + location(e) + "; a booking has roomId, guestId, from and nights");
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the request body is not a booking: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
        BookingStore.NewBooking booking = validated(request);
        try {
            BookingStore.Booking created = store.book(booking);
            Response response = ok(201, created);
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("Location", "/bookings/" + created.id());
            return new Response(201, response.body(), headers);
        } catch (BookingStore.UnknownReferenceException e) {
            throw new ApiException(404, e.getMessage());
        }
    }

    private static BookingStore.NewBooking validated(BookingRequest request) throws ApiException {
        if (request == null) {
            throw new ApiException(400, "the request body is null, not a booking");
        }
        require(request.roomId(), "roomId");
        require(request.guestId(), "guestId");
        require(request.from(), "from");
        require(request.nights(), "nights");
        if (request.nights() < 1 || request.nights() > MAX_NIGHTS) {
            throw new ApiException(400, "nights must be 1 to " + MAX_NIGHTS + ", not " + request.nights());
        }
        LocalDate from;
        try {
            from = LocalDate.parse(request.from());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "from must be a date such as 2026-03-01, not '" + request.from() + "'");
        }
        return new BookingStore.NewBooking(request.roomId(), request.guestId(), from, request.nights());
    }

    private static void require(Object value, String field) throws ApiException {
        if (value == null) {
            throw new ApiException(400, "the booking has no " + field);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void requireMethod(String method, String... allowed) throws ApiException {
        if (!List.of(allowed).contains(method)) {
            throw new ApiException(405, method + " is not allowed here; use " + String.join(" or ", allowed));
        }
    }

    private static int intId(String what, String text) throws ApiException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "the " + what + " id must be a whole number, not '" + text + "'");
        }
    }

    private static long longId(String what, String text) throws ApiException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "the " + what + " id must be a whole number, not '" + text + "'");
        }
    }

    /** The first value of {@code name} in a query string such as {@code guest=42&x=1}. */
    static Optional<String> parameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private Response ok(int status, Object value) {
        try {
            return new Response(status, json.writeValueAsBytes(value),
                    Map.of("Content-Type", "application/json; charset=utf-8"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    Response error(int status, String message) {
        return ok(status, Map.of("error", message));
    }
}
