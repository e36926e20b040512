// Growth of filtered request lists (issue 17): a session's hearing requests filtered by
// a State that few of them concern, walked page by page through the list handler
// (in-process, the whole middy stack). Counts the SDK calls each page makes (a
// middleware on the shared client), pages that came back empty with a cursor, and how
// many calls a filled page takes. Requests are written straight into the table
// (BatchWrite), not over HTTP. Sizes: GROWTH_REQUESTS_SIZES (default "1000,20000", the
// curve the issue asks about; a minute of seeding at 20,000).
import { performance } from 'node:perf_hooks';
import { seedRequestsDirect } from '../test/support/request-seed';
import { apiEvent, claimsFor, lambdaContext } from './event';
import { percentile, round } from './measure';
import type { Benchmark, GrowthRequests } from './types';

/** One request in MATCH_EVERY concerns the filtered State. */
const MATCH_EVERY = 50;
const PAGE = 20;

export default (async () => {
  const { handler } = await import('../functions/hearings/handler');
  const { ddb } = await import('../functions/shared/ddb');
  const { devUsers } = await import('../local/users');
  const secretariat = devUsers.find((u) => u.email === 'secretariat@example.org')!;
  const sizes = (process.env.GROWTH_REQUESTS_SIZES ?? '1000,20000').split(',').map(Number).filter((n) => n > 0);

  let calls = 0;
  ddb.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'benchGrowthRequestsCalls' },
  );
  const rows: GrowthRequests[] = [];
  try {
    for (const size of sizes) {
      // A session number no seed or other benchmark uses; the list does not need the session item.
      const sessionNumber = 80_000 + Math.floor(Math.random() * 9_000);
      const seedStarted = performance.now();
      const ids = await seedRequestsDirect(size, { sessionNumber, states: (i) => (i % MATCH_EVERY === 7 ? ['UY'] : ['CO', 'PE']) });
      const seedMs = performance.now() - seedStarted;
      const expected = ids.filter((_, i) => i % MATCH_EVERY === 7).reverse();

      const listed: string[] = [];
      const perPage: number[] = [];
      const pageMs: number[] = [];
      let emptyPagesWithCursor = 0;
      let maxResponseBytes = 0;
      let cursor: string | undefined;
      do {
        const query: Record<string, string> = { sessionNumber: String(sessionNumber), state: 'UY', limit: String(PAGE), ...(cursor ? { cursor } : {}) };
        calls = 0;
        const t = performance.now();
        const res = (await handler(apiEvent({ method: 'GET', route: '/api/hearing-requests', query, claims: claimsFor(secretariat) }), lambdaContext as never)) as { statusCode: number; body: string };
        pageMs.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`list answered ${res.statusCode}: ${res.body}`);
        maxResponseBytes = Math.max(maxResponseBytes, Buffer.byteLength(res.body));
        const body = JSON.parse(res.body) as { items: { id: string }[]; nextCursor?: string };
        cursor = body.nextCursor;
        listed.push(...body.items.map((r) => r.id));
        perPage.push(calls);
        if (cursor && body.items.length === 0) emptyPagesWithCursor++;
      } while (cursor && perPage.length < 10 * size);

      const exact = listed.length === expected.length && listed.every((id, i) => id === expected[i]);
      const filled = Math.max(1, Math.ceil(expected.length / PAGE));
      const totalCalls = perPage.reduce((a, b) => a + b, 0);
      const sorted = [...pageMs].sort((a, b) => a - b);
      rows.push({
        size,
        matching: expected.length,
        pageSize: PAGE,
        pages: perPage.length,
        emptyPagesWithCursor,
        callsPerFilledPage: round(totalCalls / filled, 2),
        maxCallsPerPage: Math.max(...perPage),
        totalCalls,
        exact,
        maxResponseBytes,
        pageP50Ms: round(percentile(sorted, 50), 1),
        seedMs: Math.round(seedMs),
      });
      console.log(`growth.requests ${size}: ${expected.length} matching, ${perPage.length} pages, ${totalCalls} SDK calls, ${emptyPagesWithCursor} empty pages with a cursor, exact ${exact}`);
    }
  } finally {
    ddb.middlewareStack.remove('benchGrowthRequestsCalls');
  }
  return { growth: { requests: rows } };
}) satisfies Benchmark;
