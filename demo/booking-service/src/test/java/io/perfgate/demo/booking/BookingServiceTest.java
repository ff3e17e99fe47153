package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API over HTTP against its real PostgreSQL. Tests that book use rooms (57 to 60) and guests (2996 to
 * 2999) of their own, so the rooms and guests the other tests read stay as seeded.
 */
class BookingServiceTest {

    private static BookingService service;
    private static Http http;

    @BeforeAll
    static void start() {
        service = BookingService.start(ServiceSettings.defaults().withWarmUpRounds(2));
        http = new Http(service.url());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void shouldListEveryRoom() {
        Http.Answer answer = http.get("/rooms");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).hasSize(BookingSchema.ROOMS);
        assertThat(answer.response().body()).startsWith("[{\"id\":1,\"number\":\"101\",\"floor\":1,\"beds\":2,"
                + "\"nightlyPrice\":95.00,\"bookings\":" + BookingSchema.BOOKINGS_PER_ROOM + ",\"bookedNights\":1500},");
        assertThat(answer.json().get(59).get("number").asText()).isEqualTo("512");
    }

    @Test
    void shouldListARoomsBookingsInDateOrderWithTheirGuestsAndNoOverlaps() {
        Http.Answer answer = http.get("/rooms/7/bookings");

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> bookings = list(answer.json());
        assertThat(bookings).hasSize(BookingSchema.BOOKINGS_PER_ROOM);
        for (int i = 0; i < bookings.size(); i++) {
            JsonNode booking = bookings.get(i);
            assertThat(booking.get("roomId").asInt()).isEqualTo(7);
            assertThat(booking.get("roomNumber").asText()).isEqualTo("107");
            assertThat(booking.get("guestName").asText()).isEqualTo("Guest " + booking.get("guestId").asInt());
            assertThat(date(booking, "checkOut")).isAfter(date(booking, "checkIn"));
            if (i > 0) {
                assertThat(date(booking, "checkIn")).isAfterOrEqualTo(date(bookings.get(i - 1), "checkOut"));
            }
        }
    }

    @Test
    void shouldListAGuestsBookingsWithTheirRooms() {
        Http.Answer answer = http.get("/bookings?guest=42");

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> bookings = list(answer.json());
        assertThat(bookings).hasSize(9);
        assertThat(bookings.get(0).toString()).isEqualTo("{\"id\":2559,\"roomId\":6,\"roomNumber\":\"106\","
                + "\"guestId\":42,\"guestName\":\"Guest 42\",\"checkIn\":\"2018-02-12\",\"checkOut\":\"2018-02-13\"}");
        for (int i = 1; i < bookings.size(); i++) {
            assertThat(bookings.get(i).get("guestId").asInt()).isEqualTo(42);
            assertThat(date(bookings.get(i), "checkIn")).isAfter(date(bookings.get(i - 1), "checkIn"));
        }
    }

    @Test
    void shouldShowOneBooking() {
        Http.Answer answer = http.get("/bookings/17");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().toString()).isEqualTo("{\"id\":17,\"roomId\":1,\"roomNumber\":\"101\","
                + "\"guestId\":1703,\"guestName\":\"Guest 1703\",\"checkIn\":\"2017-04-26\",\"checkOut\":\"2017-04-30\"}");
    }

    @Test
    void shouldBookTheFirstFreeStayAfterTheRoomsLastBooking() {
        List<JsonNode> before = list(http.get("/rooms/60/bookings").json());
        LocalDate lastCheckOut = date(before.get(before.size() - 1), "checkOut");

        Http.Answer first = http.post("/bookings", "{\"roomId\":60,\"guestId\":2999,\"from\":\"2025-01-01\",\"nights\":2}");
        Http.Answer second = http.post("/bookings", "{\"roomId\":60,\"guestId\":2998,\"from\":\"2025-01-01\",\"nights\":3}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(date(first.json(), "checkIn")).isEqualTo(lastCheckOut);
        assertThat(date(first.json(), "checkOut")).isEqualTo(lastCheckOut.plusDays(2));
        assertThat(first.json().get("guestName").asText()).isEqualTo("Guest 2999");
        assertThat(first.header("Location")).isEqualTo("/bookings/" + first.json().get("id").asLong());
        assertThat(date(second.json(), "checkIn")).isEqualTo(lastCheckOut.plusDays(2));
        assertThat(http.get(first.header("Location")).json()).isEqualTo(first.json());
        assertThat(http.get("/rooms/60/bookings").json()).hasSize(before.size() + 2);
    }

    @Test
    void shouldBookFromTheRequestedDateWhenTheRoomIsFreeThen() {
        Http.Answer answer = http.post("/bookings", "{\"roomId\":59,\"guestId\":2997,\"from\":\"2031-06-01\",\"nights\":1}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("checkIn").asText()).isEqualTo("2031-06-01");
        assertThat(answer.json().get("checkOut").asText()).isEqualTo("2031-06-02");
    }

    @Test
    void shouldNeverGiveTwoConcurrentBookingsTheSameNights() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> http.post("/bookings",
                    "{\"roomId\":58,\"guestId\":2996,\"from\":\"2030-01-01\",\"nights\":2}"));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<JsonNode> bookings = list(http.get("/rooms/58/bookings").json());
        for (int i = 1; i < bookings.size(); i++) {
            assertThat(date(bookings.get(i), "checkIn")).isAfterOrEqualTo(date(bookings.get(i - 1), "checkOut"));
        }
        assertThat(bookings.stream().filter(booking -> date(booking, "checkIn").getYear() == 2030)).hasSize(8);
    }

    @Test
    void shouldBookNothingForAnUnknownGuest() {
        int before = http.get("/rooms/57/bookings").json().size();

        Http.Answer answer = http.post("/bookings", "{\"roomId\":57,\"guestId\":50000,\"from\":\"2030-01-01\",\"nights\":1}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo("there is no guest 50000");
        assertThat(http.get("/rooms/57/bookings").json()).hasSize(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/rooms/999/bookings | there is no room 999",
        "/bookings?guest=50000 | there is no guest 50000",
        "/bookings/999999 | there is no booking 999999",
        "/guests | no such resource: /guests"})
    void shouldAnswerNotFoundWithTheReason(String path, String error) {
        Http.Answer answer = http.get(path);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }

    static Stream<Arguments> malformedBookings() {
        return Stream.of(
                Arguments.of("{\"roomId\":7,\"guestId\":1,\"from\":\"2030-01-01\"}", "the booking has no nights"),
                Arguments.of("{\"roomId\":7,\"guestId\":1,\"from\":\"2030-01-01\",\"nights\":31}",
                        "nights must be 1 to 30, not 31"),
                Arguments.of("{\"roomId\":7,\"guestId\":1,\"from\":\"soon\",\"nights\":1}",
                        "from must be a date such as 2026-03-01, not 'soon'"),
                Arguments.of("{\"roomId\":7,\"guest\":1}", "the request body is not a booking: unknown field \"guest\""
                        + " (line 1, column 23); a booking has roomId, guestId, from and nights"),
                Arguments.of("{\"roomId\":7,", "the request body is not a booking: Unexpected end-of-input"),
                Arguments.of("null", "the request body is null, not a booking"),
                Arguments.of("", "POST /bookings needs a JSON body"));
    }

    @ParameterizedTest
    @MethodSource("malformedBookings")
    void shouldRefuseAMalformedBookingSayingWhy(String body, String error) {
        Http.Answer answer = http.post("/bookings", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).startsWith(error);
    }

    @Test
    void shouldSayWhereInTheBodyItIsMalformed() {
        Http.Answer answer = http.post("/bookings", "{\n\"roomId\": 7,\n\"guestId\": x}");

        assertThat(answer.json().get("error").asText()).contains("(line 3, column");
    }

    @Test
    void shouldRefuseMethodsAPathDoesNotTake() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(service.url().resolve("/rooms"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().get("error").asText()).isEqualTo("DELETE is not allowed here; use GET");
    }

    @Test
    void shouldTellTheHandlingTimeWithoutSlowdown() {
        Http.Answer answer = http.get("/rooms");

        assertThat(answer.header("Server-Timing")).matches("app;dur=\\d+\\.\\d{3}, slowdown;dur=0\\.0\\d\\d");
    }

    @Test
    void shouldRefuseAStopRequestWithoutTheToken() {
        Http.Answer missing = http.post("/admin/stop", "");
        Http.Answer wrong = http.send(HttpRequest.newBuilder(service.url().resolve("/admin/stop"))
                .header(BookingServer.STOP_TOKEN_HEADER, "not-" + service.stopToken())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(service.lifetime().isStopped()).isFalse();
    }

    @Test
    void shouldListenOnTheLoopbackAddressOnly() {
        assertThat(service.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(service.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static LocalDate date(JsonNode booking, String field) {
        return LocalDate.parse(booking.get(field).asText());
    }
}
