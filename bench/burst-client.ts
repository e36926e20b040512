// The registration burst's load generator (issue 12), run as its own process so the
// server's event loop is not shared with the callers: `callers` loops, each with one
// request in flight at a time (as a person, or a Lambda instance, is), POST the public
// registration route over HTTP until `registrants` have been sent. Writes one JSON line
// per answer to stdout: { i, status, ms, state, position }.
import { performance } from 'node:perf_hooks';

const { url, session, registrants, callers, run } = JSON.parse(process.argv[2] ?? '{}') as { url: string; session: number; registrants: number; callers: number; run: string };
let next = 0;
const lines: string[] = [];
await Promise.all(
  Array.from({ length: callers }, async () => {
    for (let i = next++; i < registrants; i = next++) {
      const body = JSON.stringify({
        name: `Burst ${i}`,
        email: `burst.${i}.${run}@example.org`,
        country: 'US',
        attendance: 'in_person',
        language: 'en',
        consentToPublish: false,
      });
      const started = performance.now();
      let status = 0;
      let state: string | undefined;
      let position: number | undefined;
      try {
        const res = await fetch(`${url}/api/sessions/${session}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `burst-${run}-${i}` },
          body,
        });
        status = res.status;
        const answer = (await res.json().catch(() => ({}))) as { status?: string; waitlistPosition?: number };
        state = answer.status;
        position = answer.waitlistPosition;
      } catch {
        status = 0; // connection failure: counted as an error by the caller
      }
      lines.push(JSON.stringify({ i, status, ms: performance.now() - started, state, position }));
    }
  }),
);
process.stdout.write(`${lines.join('\n')}\n`);
