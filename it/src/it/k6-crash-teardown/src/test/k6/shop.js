// A k6 script as a project would keep it. The k6 stand-in used by these builds checks that the script
// exists and replays a recorded k6 v0.48.0 run instead of executing it.
import http from 'k6/http';
import { check, sleep } from 'k6';

export const options = {
  scenarios: {
    steady: { executor: 'constant-vus', vus: 5, duration: '10s' },
  },
};

export default function () {
  const response = http.get(`${__ENV.BASE_URL}/api/fast`, { tags: { name: 'fast' } });
  check(response, { 'fast status is 200': (r) => r.status === 200 });
  sleep(0.1);
}
