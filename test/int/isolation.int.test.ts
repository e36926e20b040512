// The Lambda stand-in (issue 12): each function in worker threads of its own with only
// the environment the stack gives it, its own credentials, the runtime's clock, a
// remaining time that counts down, and its timeout enforced by discarding the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionEnv } from '../../local/lambda';
import { accessKeyFor } from '../../local/lambda-identity';
import { probeFunctions } from '../support/probe';
import { type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ extraFunctions: probeFunctions });
});
afterAll(async () => rt?.stop());

const envOf = async (name: string) => {
  const res = await rt.call('GET', `/api/dev/functions/${name}/env`);
  expect(res.status).toBe(200);
  return res.body.names as string[];
};
const statsOf = async (name: string) => ((await rt.call('GET', '/api/dev/functions')).body.items as { name: string; started: number; timedOut: number; instances: number }[]).find((f) => f.name === name)!;

describe('each function in its own sandbox', () => {
  it('sees only the tables the manifest grants it, as the stack sets them', async () => {
    const registrations = await envOf('registrations');
    expect(registrations).toEqual(expect.arrayContaining(['REGISTRATIONS_TABLE', 'SESSIONS_TABLE', 'OUTBOX_TABLE', 'SITE_ORIGIN', 'MAIL_FROM', 'AWS_ACCESS_KEY_ID']));
    expect(registrations).not.toContain('EVOTE_TABLE');
    expect(registrations).not.toContain('HEARINGS_TABLE');
    expect(registrations).not.toContain('DOCKET_TEST_DDB');
    const evote = await envOf('evote');
    expect(evote).toContain('EVOTE_TABLE');
    expect(evote).not.toContain('REGISTRATIONS_TABLE');
    expect(await envOf('docs')).not.toEqual(expect.arrayContaining(['SESSIONS_TABLE']));
  });

  it('fails a function that uses a table it has no grant for', async () => {
    const denied = await rt.call('GET', '/api/test/probe?use=evote');
    expect(denied.status).toBe(500);
    expect(isGatewayError(denied)).toBe(true);
    expect(denied.body).toEqual({ message: 'Internal Server Error' });
    // The same code with the grant reads the table's name.
    const granted = await rt.call('GET', '/api/test/probe-evote?use=evote');
    expect(granted.status).toBe(200);
    expect(granted.body.evoteTable).toBe('docket-evote');
  });

  it('signs its calls with credentials that name the function, in a thread of its own', async () => {
    const probe = await rt.call('GET', '/api/test/probe');
    const other = await rt.call('GET', '/api/test/probe-evote');
    // DynamoDB Local refuses "fn-…" keys: they are used where a proxy in front of it reads them.
    const identityAware = process.env.DYNAMODB_ENDPOINT !== rt.ddbEndpoint;
    expect(probe.body.accessKey).toBe(identityAware ? accessKeyFor('probe') : 'local');
    expect(other.body.accessKey).toBe(identityAware ? 'fn-probe-evote' : 'local');
    const settings = { siteOrigin: rt.url, mailFrom: 'm@x', ddbEndpoint: 'http://127.0.0.1:1', mailDir: '/tmp/x', signWithIdentity: true };
    expect(functionEnv(probeFunctions[0]!, settings, {}).AWS_ACCESS_KEY_ID).toBe('fn-probe');
    expect(probe.body.threadId).not.toBe(other.body.threadId);
    expect(probe.body.threadId).toBeGreaterThan(0);
  });

  it('gives every function the runtime clock, also after it moves', async () => {
    await rt.setNow('2031-05-05T10:00:00.000Z');
    for (const path of ['/api/test/probe', '/api/test/probe-evote']) {
      const now = Date.parse((await rt.call('GET', path)).body.now);
      expect(now).toBeGreaterThanOrEqual(Date.parse('2031-05-05T10:00:00.000Z'));
      expect(now).toBeLessThan(Date.parse('2031-05-05T10:10:00.000Z'));
    }
    await rt.setNow('2032-01-01T00:00:00.000Z');
    expect((await rt.call('GET', '/api/test/probe')).body.now.slice(0, 4)).toBe('2032');
  });

  it('counts the remaining time down from the function timeout', async () => {
    const res = await rt.call('GET', '/api/test/probe-evote?sleep=200');
    expect(res.status).toBe(200);
    expect(res.body.before).toBeLessThanOrEqual(5_000);
    expect(res.body.after).toBeLessThan(res.body.before);
    expect(res.body.before - res.body.after).toBeGreaterThanOrEqual(150);
  });

  it('stops a function at its timeout, answers as API Gateway does, and replaces the sandbox', async () => {
    expect((await rt.call('GET', '/api/test/probe')).status).toBe(200);
    const before = await statsOf('probe');
    const slow = await rt.call('GET', '/api/test/probe?sleep=4000');
    expect(slow.status).toBe(500);
    expect(slow.body).toEqual({ message: 'Internal Server Error' });
    const after = await statsOf('probe');
    expect(after.timedOut).toBe(before.timedOut + 1);
    // The next request gets a fresh instance (a cold start), and it works.
    const next = await rt.call('GET', '/api/test/probe');
    expect(next.status).toBe(200);
    expect((await statsOf('probe')).started).toBeGreaterThan(before.started);
  });
});
