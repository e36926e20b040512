// A mixed read/write load against the local runtime (loopback only). The run in npm test
// is bounded by work (a fixed number of requests), so a busy machine makes it slower,
// never failed; `npm run soak` is bounded in time on purpose. Writes are hearing requests;
// afterwards every acknowledged request must be readable (nothing lost) and no 5xx seen.
import type { IncomingHttpHeaders } from 'node:http';
import autocannon from 'autocannon';
import { APPLICANT, freshSession, validBody } from './hearings';
import type { TestRuntime } from './runtime';

export interface LoadResult {
  requests: number;
  errors: number;
  /** 503 problem details with Retry-After: the designed answer when DynamoDB does not answer in time (a saturated machine). */
  busy: number;
  /** Any other 5xx, described: always a defect. */
  fiveXx: string[];
  created: string[];
  lost: string[];
  rps: number;
  p99Ms: number;
}

export async function mixedLoad(rt: TestRuntime, options: { connections: number } & ({ requests: number } | { seconds: number })): Promise<LoadResult> {
  const now = Date.now();
  await rt.setNow(new Date(now).toISOString());
  const session = await freshSession(rt, { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() }, new Date().getUTCFullYear() + 1);
  const token = await rt.token(APPLICANT);
  const created: string[] = [];
  const fiveXx: string[] = [];
  let busy = 0;
  let i = 0;
  const observe = (status: number, body: string, _context: object, headers: IncomingHttpHeaders = {}) => {
    if (status < 500) return;
    if (status === 503 && /^\d+$/.test(String(headers['retry-after'])) && /problem\+json/.test(String(headers['content-type']))) busy++;
    else fiveXx.push(`${status} ${body.slice(0, 120)}`);
  };
  const result = await autocannon({
    url: rt.url,
    connections: options.connections,
    ...('requests' in options ? { amount: options.requests } : { duration: options.seconds }),
    // A request that waits its turn on a saturated machine is slow, not failed (the
    // default is 10 s); this is a safety net against a hang only.
    timeout: 120,
    requests: [
      { method: 'GET', path: '/api/sessions', onResponse: observe },
      { method: 'GET', path: '/api/sessions/178', onResponse: observe },
      { method: 'GET', path: '/api/hearing-requests?limit=5', headers: { authorization: `Bearer ${token}` }, onResponse: observe },
      {
        method: 'POST',
        path: '/api/hearing-requests',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `load-${now}-${i++}` }, body: JSON.stringify(validBody(session)) }),
        onResponse: (status, body, context, headers) => {
          if (status === 201) created.push(JSON.parse(body).id);
          observe(status, body, context, headers);
        },
      },
    ],
  });
  if (busy + fiveXx.length !== result['5xx']) fiveXx.push(`autocannon counted ${result['5xx']} 5xx, the responses ${busy + fiveXx.length}`);
  if (process.env.DOCKET_LOAD_DEBUG) console.log(JSON.stringify(result.statusCodeStats));
  const lost: string[] = [];
  for (const id of created) {
    const res = await rt.call('GET', `/api/hearing-requests/${id}`, { token });
    if (res.status !== 200) lost.push(id);
  }
  return { requests: result.requests.total, errors: result.errors + result.timeouts, busy, fiveXx, created, lost, rps: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}
