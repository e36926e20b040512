// What a shared cache (CloudFront) may keep: the public reads say `public` with a short
// s-maxage and stale-while-revalidate and answer If-None-Match with 304; every answer of
// a protected route, every answer to a request with credentials and every public answer
// with personal data says `private, no-store`. The published schedule and its iCal are
// checked in scheduling.int.test.ts, where a schedule is published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '../../functions/manifest';
import { devUsers } from '../../local/users';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

const PUBLIC = /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/;
const PRIVATE = 'private, no-store';

describe('Cache-Control', () => {
  it('lets a shared cache keep the public session reads briefly, with a validator', async () => {
    const list = await rt.call('GET', '/api/sessions');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toMatch(PUBLIC);
    const etag = list.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await rt.call('GET', '/api/sessions', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await rt.call('GET', '/api/sessions', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);

    const number = list.body.items[0].number;
    const one = await rt.call('GET', `/api/sessions/${number}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('cache-control')).toMatch(PUBLIC);
  });

  it('never answers a request with credentials cacheably, even on a public route', async () => {
    const res = await rt.call('GET', '/api/sessions', { as: 'secretariat@example.org' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PRIVATE);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('keeps errors and public answers with personal data out of shared caches', async () => {
    expect((await rt.call('GET', '/api/sessions/999999')).headers.get('cache-control')).toBe(PRIVATE);
    // A registration is read with its token on a public route: personal data.
    expect((await rt.call('GET', '/api/registrations/01ARZ3NDEKTSV4RRFFQ69G5FAV', { headers: { 'x-registration-token': 'x'.repeat(32) } })).headers.get('cache-control')).toBe(PRIVATE);
  });

  it('answers every protected route private, no-store, on success and on error', async () => {
    const seen: string[] = [];
    let successes = 0;
    for (const fn of httpFunctions) {
      for (const route of fn.routes) {
        if (route.auth === 'public') continue;
        const user = devUsers.find((u) => u.groups.some((g) => (route.auth as readonly string[]).includes(g)))!;
        // Path parameters that fail validation: nothing is written, but the request runs
        // through the whole stack; routes without parameters succeed or refuse the body.
        const path = route.path.replace(/\{\w+\}/g, '~');
        const res = await rt.call(route.method, path, { as: user.email, body: route.body ? {} : undefined });
        if (res.status < 300) successes++;
        seen.push(`${route.method} ${route.path} ${res.status} ${res.headers.get('cache-control')}`);
      }
    }
    expect(seen.filter((line) => !line.endsWith(PRIVATE))).toEqual([]);
    expect(seen.length).toBeGreaterThan(15);
    expect(successes).toBeGreaterThan(0);
  });
});
