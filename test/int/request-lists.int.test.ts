// Filtered lists of hearing requests fill their page (issue 17): with a filter matching
// sparsely, every page but the last is full, no page is empty while a cursor is given,
// and the pages together are exactly the filtered set, newest first. Requests are
// written straight into the table (test/support/request-seed.ts); the lists go through
// the whole HTTP stack as the secretariat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, freshSession } from '../support/hearings';
import { seedRequestsDirect } from '../support/request-seed';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

/** Walks a list to its end; returns each page's size and whether it carried a cursor. */
async function walk(query: string, limit: number) {
  const pages: { size: number; cursor: boolean }[] = [];
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1_000; i++) {
    const res = await rt.call('GET', `/api/hearing-requests?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { as: SECRETARIAT });
    expect(res.status, res.text).toBe(200);
    ids.push(...res.body.items.map((r: { id: string }) => r.id));
    cursor = res.body.nextCursor;
    pages.push({ size: res.body.items.length, cursor: !!cursor });
    if (!cursor) return { pages, ids };
  }
  throw new Error('the list never ended');
}

function expectFilledPages(result: Awaited<ReturnType<typeof walk>>, expected: string[], limit: number) {
  const { pages, ids } = result;
  expect(pages.filter((p) => p.cursor && p.size === 0)).toEqual([]);
  // Every page but the last is full.
  expect(pages.slice(0, -1).every((p) => p.size === limit)).toBe(true);
  // At most one more page than the set needs: an empty last page (without a cursor) only
  // after a full page that ended exactly at the set's end.
  expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / limit) + 1);
  if (pages.length > 1 && pages[pages.length - 1].size === 0) expect(expected.length % limit).toBe(0);
  expect(new Set(ids).size).toBe(ids.length);
  // Newest first, and nothing but the filtered set, all of it.
  expect(ids).toEqual([...expected].reverse());
}

describe('filtered request lists', () => {
  it('fills every page of a sparse State filter within a session, no duplicates and no gaps', async () => {
    const session = await freshSession(rt, WINDOW);
    // 400 requests; one in 13 concerns Uruguay (31 of them), some of those accepted.
    const ids = await seedRequestsDirect(400, {
      sessionNumber: session,
      states: (i) => (i % 13 === 5 ? ['UY', 'AR'] : ['CO']),
      status: (i) => (i % 3 === 0 ? 'accepted' : 'submitted'),
    });
    const uy = ids.filter((_, i) => i % 13 === 5);
    expect(uy).toHaveLength(31);
    for (const limit of [4, 7, 31, 100]) expectFilledPages(await walk(`sessionNumber=${session}&state=uy`, limit), uy, limit);

    // Session, status and State together (the bySessionStatus index, filtered on State).
    const uyAccepted = ids.filter((_, i) => i % 13 === 5 && i % 3 === 0);
    expect(uyAccepted.length).toBeGreaterThan(5);
    expectFilledPages(await walk(`sessionNumber=${session}&status=accepted&state=UY`, 3), uyAccepted, 3);

    // Unfiltered lists are unchanged: full pages of the session, every request once.
    expectFilledPages(await walk(`sessionNumber=${session}`, 100), ids, 100);
  });

  it('reads on past its budget while a page is still empty, rather than answer an empty page with a cursor', async () => {
    const session = await freshSession(rt, WINDOW);
    // 1,300 requests, only the two oldest concern Paraguay: past the page's read budget.
    const ids = await seedRequestsDirect(1_300, { sessionNumber: session, states: (i) => (i < 2 ? ['PY'] : ['CO']) });
    const py = ids.slice(0, 2);
    expectFilledPages(await walk(`sessionNumber=${session}&state=PY`, 1), py, 1);
    expectFilledPages(await walk(`sessionNumber=${session}&state=PY`, 20), py, 20);
    // A State no request concerns: one empty page without a cursor.
    const none = await walk(`sessionNumber=${session}&state=UY`, 20);
    expect(none.pages).toEqual([{ size: 0, cursor: false }]);
  });
});
