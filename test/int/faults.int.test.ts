// Faults (issue 8, 3): DynamoDB Local stops in the middle of a burst of writes. Clients
// get 503 problem details with Retry-After, never a 5xx of another kind; after it comes
// back, everything that was acknowledged is there and new writes succeed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynamo, freePort, startDynamo } from '../../local/dynamo';
import { type LocalRuntime, startLocal } from '../../local/server';
import { sessionBody } from '../support/policy';

let dynamo: RunningDynamo;
let rt: LocalRuntime;
let port: number;
let token: string;
const dataDir = mkdtempSync(join(tmpdir(), 'docket-faults-'));

beforeAll(async () => {
  port = await freePort();
  dynamo = await startDynamo({ dataDir, port });
  rt = await startLocal({ ddbEndpoint: dynamo.endpoint, inMemory: true });
  // The sessions instances start before the burst, so the outage falls inside it.
  await rt.warm(['sessions']);
  const login = await fetch(`${rt.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ email: 'secretariat@example.org' }) });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(async () => {
  await rt?.stop();
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (rt) rmSync(rt.dataDir, { recursive: true, force: true });
});

const create = async (body: { number: number }) => {
  const res = await fetch(`${rt.url}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { number: body.number, status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), body: await res.json() };
};

describe('DynamoDB Local stopping mid-burst', () => {
  it('answers 503 with Retry-After while it is down and loses nothing acknowledged', async () => {
    const bodies = Array.from({ length: 90 }, () => sessionBody());
    const results: Awaited<ReturnType<typeof create>>[] = [];
    // Three waves: before, during and after the outage.
    results.push(...(await Promise.all(bodies.slice(0, 30).map(create))));
    const stopping = dynamo.stop();
    results.push(...(await Promise.all(bodies.slice(30, 60).map(create))));
    await stopping;
    results.push(...(await Promise.all(bodies.slice(60, 75).map(create))));
    dynamo = await startDynamo({ dataDir, port });
    results.push(...(await Promise.all(bodies.slice(75).map(create))));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const unavailable = results.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(0); // the fault really happened
    for (const r of unavailable) {
      expect(r.retryAfter).toMatch(/^\d+$/);
      expect(r.type).toMatch(/problem\+json/);
    }
    const acknowledged = results.filter((r) => r.status === 201);
    expect(acknowledged.length).toBeGreaterThan(30);
    for (const r of acknowledged) {
      const read = await fetch(`${rt.url}/api/sessions/${r.number}`);
      expect(read.status, `session ${r.number} was acknowledged`).toBe(200);
    }
    console.log(`faults: 1 outage, ${results.length} writes, ${acknowledged.length} acknowledged and all present, ${unavailable.length} answered 503`);
  }, 180_000); // a safety net: DynamoDB Local restarts on disk
});
