// The authorization matrix: every route of the OpenAPI document × every kind of caller,
// through the local runtime's JWT check and the real handlers. A missing or bad token
// on a protected route is refused by the gateway with {"message":"Unauthorized"}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPALS, type PrincipalName, tokensFor } from '../support/principals';
import { policy } from '../support/policy';
import { type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
let tokens: Record<PrincipalName, string | undefined>;
let routes: { method: string; path: string; isPublic: boolean }[];

beforeAll(async () => {
  rt = await startTestRuntime();
  // One request at a time: one warm instance per function, so cold starts stay out of the matrix.
  await rt.warm(undefined, 1);
  tokens = await tokensFor(rt);
  const doc = (await rt.call('GET', '/api/openapi.json')).body;
  routes = Object.entries(doc.paths as Record<string, Record<string, { 'x-docket-roles': unknown }>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, isPublic: op['x-docket-roles'] === 'public' })),
  );
});
afterAll(async () => rt?.stop());

describe('authorization matrix', () => {
  it('has a policy row for every route in the OpenAPI document, and no stale rows', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !policy[k])).toEqual([]);
    expect(Object.keys(policy).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('gives every principal the expected status on every route', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const row = policy[`${route.method} ${route.path}`];
      if (!row) continue;
      for (const who of PRINCIPALS) {
        const badToken = who === 'forged' || who === 'expired' || who === 'foreignIssuer';
        const expected = badToken ? (route.isPublic ? row.expect.anonymous : 401) : row.expect[who as keyof typeof row.expect];
        const fixture = await row.setup(rt, who);
        const res = await rt.call(route.method, fixture.path, { token: tokens[who], body: fixture.body, headers: fixture.headers });
        cells++;
        if (res.status !== expected) wrong.push(`${route.method} ${route.path} as ${who}: ${res.status}, expected ${expected} (${res.body?.detail ?? ''})`);
        // A refused token is the gateway's answer ({"message"}); every other error the handler's (problem details).
        if (res.status === 401 && !route.isPublic) expect(isGatewayError(res) && res.body.message === 'Unauthorized', `${route.method} ${route.path} as ${who}`).toBe(true);
        else if (res.status >= 400) expect(res.headers.get('content-type'), `${route.method} ${route.path} as ${who}`).toMatch(/problem\+json/);
      }
    }
    console.log(`authorization matrix: ${cells} cells over ${routes.length} routes`);
    expect(wrong).toEqual([]);
    expect(cells).toBe(routes.length * PRINCIPALS.length);
  }, 180_000); // a safety net: every request crosses into a function's worker thread
});
