// The authorization matrix: every route of the OpenAPI document × every kind of caller,
// through the local runtime's JWT check and the real handlers. A missing or bad token
// on a protected route is refused by the gateway with {"message":"Unauthorized"}. Every refused call (a 4xx
// expected) must also leave every table exactly as it was.
//
// The matrix runs on a DynamoDB Local of its own, so other test files writing at the same
// time cannot show up as a change. Refusals are grouped per route (fixtures first, one
// snapshot, the refused calls, one snapshot); a group that changed something is replayed
// call by call with fresh fixtures, to name the call that did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../functions/manifest';
import { type RunningDynamo, localClient, startDynamo } from '../../local/dynamo';
import { ensureTables } from '../../local/tables';
import { PRINCIPALS, type PrincipalName, tokensFor, unavailablePrincipals } from '../support/principals';
import { type Fixture, type PolicyRow, policy } from '../support/policy';
import { type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';
import { type Snapshot, changes, snapshot } from '../support/snapshot';
import { LOCAL_ONLY, isRemote } from '../support/target';

let dynamo: RunningDynamo;
let rt: TestRuntime;
let tokens: Record<PrincipalName, string | undefined>;
let routes: { method: string; path: string; isPublic: boolean }[];

// Against a deployed stage (test/support/target.ts) the matrix runs through the real API
// Gateway authorizer and Cognito tokens; what needs the local runtime is skipped, and said.
const skipped = unavailablePrincipals();
const principals = PRINCIPALS.filter((who) => !(who in skipped));

beforeAll(async () => {
  if (!isRemote) {
    dynamo = await startDynamo();
    const client = localClient(dynamo.endpoint);
    await ensureTables(client, tables);
    client.destroy();
    process.env.DOCKET_TEST_DDB = dynamo.endpoint;
  }
  rt = await startTestRuntime();
  // One request at a time: one warm instance per function, so cold starts stay out of the matrix.
  await rt.warm(undefined, 1);
  tokens = await tokensFor(rt);
  const doc = (await rt.call('GET', '/api/openapi.json')).body;
  routes = Object.entries(doc.paths as Record<string, Record<string, { 'x-docket-roles': unknown }>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, isPublic: op['x-docket-roles'] === 'public' })),
  );
});
afterAll(async () => {
  await rt?.stop();
  await dynamo?.stop();
});

const expectedOf = (route: { isPublic: boolean }, row: PolicyRow, who: PrincipalName) => {
  const badToken = who === 'forged' || who === 'expired' || who === 'foreignIssuer';
  if (badToken) return route.isPublic ? row.expect.anonymous : 401;
  // A State delegation (issue 16) is refused like any signed-in caller without a role there, unless the row says otherwise.
  if (who === 'state') return row.expect.state ?? row.expect.unknownGroup;
  return row.expect[who as keyof typeof row.expect] as number;
};

describe('authorization matrix', () => {
  it('has a policy row for every route in the OpenAPI document, and no stale rows', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !policy[k])).toEqual([]);
    expect(Object.keys(policy).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('gives every principal the expected status on every route, and refusals change nothing', async () => {
    const wrong: string[] = [];
    const changed: string[] = [];
    let cells = 0;
    let refusals = 0;
    let snapshotMs = 0;
    // Remotely there is no table to scan: the statuses are still checked, not the tables.
    const snap = async (): Promise<Snapshot> => {
      if (isRemote) return new Map();
      const started = performance.now();
      const taken = await snapshot(rt.ddbEndpoint);
      snapshotMs += performance.now() - started;
      return taken;
    };
    const call = async (route: { method: string; path: string; isPublic: boolean }, who: PrincipalName, fixture: Fixture, expected: number) => {
      const res = await rt.call(route.method, fixture.path, { token: tokens[who], body: fixture.body, headers: fixture.headers });
      cells++;
      if (res.status !== expected) wrong.push(`${route.method} ${route.path} as ${who}: ${res.status}, expected ${expected} (${res.body?.detail ?? ''})`);
      // A refused token is the gateway's answer ({"message"}); every other error the handler's (problem details).
      if (res.status === 401 && !route.isPublic) expect(isGatewayError(res) && res.body.message === 'Unauthorized', `${route.method} ${route.path} as ${who}`).toBe(true);
      else if (res.status >= 400) expect(res.headers.get('content-type'), `${route.method} ${route.path} as ${who}`).toMatch(/problem\+json/);
    };
    const notRun: string[] = [];
    for (const route of routes) {
      const row = policy[`${route.method} ${route.path}`];
      if (!row) continue;
      if (isRemote && row.localOnly) {
        notRun.push(`${route.method} ${route.path}: ${row.localOnly}`);
        continue;
      }
      const refused = principals.filter((who) => expectedOf(route, row, who) >= 400);
      const allowed = principals.filter((who) => expectedOf(route, row, who) < 400);

      // Refusals, as one group: fixtures, snapshot, calls, snapshot.
      const fixtures = [];
      for (const who of refused) fixtures.push(await row.setup(rt, who));
      const before = await snap();
      for (const [i, who] of refused.entries()) await call(route, who, fixtures[i], expectedOf(route, row, who));
      refusals += refused.length;
      const diff = changes(before, await snap());
      if (diff.length) {
        // Name the call: replay each refusal alone, with a fresh fixture.
        let named = false;
        for (const who of refused) {
          const fixture = await row.setup(rt, who);
          const alone = await snap();
          await rt.call(route.method, fixture.path, { token: tokens[who], body: fixture.body, headers: fixture.headers });
          const its = changes(alone, await snap());
          if (its.length) {
            named = true;
            changed.push(`${route.method} ${route.path} as ${who} changed ${its.slice(0, 5).join(', ')}`);
          }
        }
        if (!named) changed.push(`${route.method} ${route.path}, refusals to ${refused.join(', ')}: changed ${diff.slice(0, 5).join(', ')}`);
      }

      for (const who of allowed) await call(route, who, await row.setup(rt, who), expectedOf(route, row, who));
    }
    if (isRemote) {
      const reasons = [`refusals changing nothing: ${LOCAL_ONLY.snapshot}`, ...notRun, ...Object.entries(skipped).map(([who, why]) => `principal ${who}: ${why}`)];
      console.log(`authorization matrix against ${rt.url}: ${cells} cells over ${routes.length - notRun.length} routes; not run:\n  ${reasons.join('\n  ')}`);
    } else console.log(`authorization matrix: ${cells} cells over ${routes.length} routes, ${refusals} refusals checked to change nothing (snapshots: ${Math.round(snapshotMs)} ms)`);
    expect({ wrong, changed }).toEqual({ wrong: [], changed: [] });
    expect(cells).toBe((routes.length - notRun.length) * principals.length);
    expect(refusals).toBeGreaterThan(routes.length);
  });
});
