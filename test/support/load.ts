// A mixed read/write load against the local runtime (loopback only, bounded in time),
// used by the short run in npm test and by `npm run soak`. Writes are hearing requests;
// afterwards every acknowledged request must be readable (nothing lost) and no 5xx seen.
import autocannon from 'autocannon';
import { APPLICANT, freshSession, validBody } from './hearings';
import type { TestRuntime } from './runtime';

export interface LoadResult {
  requests: number;
  errors: number;
  fiveXx: number;
  created: string[];
  lost: string[];
  rps: number;
  p99Ms: number;
}

export async function mixedLoad(rt: TestRuntime, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const now = Date.now();
  await rt.setNow(new Date(now).toISOString());
  const session = await freshSession(rt, { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() }, new Date().getUTCFullYear() + 1);
  const token = await rt.token(APPLICANT);
  const created: string[] = [];
  let fiveXx = 0;
  let i = 0;
  const result = await autocannon({
    url: rt.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      { method: 'GET', path: '/api/sessions' },
      { method: 'GET', path: '/api/sessions/178' },
      { method: 'GET', path: '/api/hearing-requests?limit=5', headers: { authorization: `Bearer ${token}` } },
      {
        method: 'POST',
        path: '/api/hearing-requests',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `load-${now}-${i++}` }, body: JSON.stringify(validBody(session)) }),
        onResponse: (status, body) => {
          if (status === 201) created.push(JSON.parse(body).id);
        },
      },
    ],
  });
  fiveXx = result['5xx'];
  if (process.env.DOCKET_LOAD_DEBUG) console.log(JSON.stringify(result.statusCodeStats));
  const lost: string[] = [];
  for (const id of created) {
    const res = await rt.call('GET', `/api/hearing-requests/${id}`, { token });
    if (res.status !== 200) lost.push(id);
  }
  return { requests: result.requests.total, errors: result.errors + result.timeouts, fiveXx, created, lost, rps: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}
