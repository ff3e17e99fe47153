// The demo's load, the same scenario as ../jmeter/booking.jmx: for DURATION seconds, RATE iterations a
// second, each of five requests to the booking service at BASE_URL (perf:k6 passes it):
//
//   list rooms       GET  /rooms
//   room bookings    GET  /rooms/{room}/bookings     (the endpoint the N+1 switch changes)
//   guest bookings   GET  /bookings?guest={guest}
//   get booking      GET  /bookings/{id}
//   create booking   POST /bookings                  (the same room and guest)
//
// The name tags are the JMeter plan's sampler labels, so one budget gates either tool.
import http from 'k6/http';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';
const DURATION = Number(__ENV.DURATION || 20);
const RATE = Number(__ENV.RATE || 10);

export const options = {
  scenarios: {
    guests: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${DURATION}s`,
      preAllocatedVUs: 4,
      maxVUs: 20,
      gracefulStop: '10s',
    },
  },
  discardResponseBodies: true,
};

function randomInt(min, max) {
  return min + Math.floor(Math.random() * (max - min + 1));
}

export default function () {
  const room = randomInt(1, 60);
  const guest = randomInt(1, 3000);
  http.get(`${BASE_URL}/rooms`, { tags: { name: 'list rooms' } });
  http.get(`${BASE_URL}/rooms/${room}/bookings`, { tags: { name: 'room bookings' } });
  http.get(`${BASE_URL}/bookings?guest=${guest}`, { tags: { name: 'guest bookings' } });
  http.get(`${BASE_URL}/bookings/${randomInt(1, 30000)}`, { tags: { name: 'get booking' } });
  const booking = { roomId: room, guestId: guest, from: '2026-01-05', nights: randomInt(1, 3) };
  http.post(`${BASE_URL}/bookings`, JSON.stringify(booking), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'create booking' },
  });
}
