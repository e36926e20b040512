// The Lambda stand-in (issue 12): each function, HTTP or event, in worker threads of its
// own with only the environment the stack gives it, its own credentials, the runtime's clock, a
// remaining time that counts down, and its timeout enforced by discarding the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionEnv } from '../../local/lambda';
import { accessKeyFor } from '../../local/lambda-identity';
import { eventually } from '../support/outbox';
import { ballotIn } from '../support/policy';
import { probeEventFunctions, probeFunctions } from '../support/probe';
import { type TestRuntime, isGatewayError, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ extraFunctions: probeFunctions, extraEventFunctions: probeEventFunctions });
});
afterAll(async () => rt?.stop());

const envOf = async (name: string) => {
  const res = await rt.call('GET', `/api/dev/functions/${name}/env`);
  expect(res.status).toBe(200);
  return res.body.names as string[];
};
const statsOf = async (name: string) => ((await rt.call('GET', '/api/dev/functions')).body.items as { name: string; invoked: number; started: number; timedOut: number; instances: number }[]).find((f) => f.name === name)!;

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

describe('event functions in sandboxes of their own', () => {
  it('gives each event function only its own environment and credentials', async () => {
    const sender = await envOf('outbox-sender');
    expect(sender).toEqual(expect.arrayContaining(['MAIL_FROM', 'MAIL_DIR', 'AWS_ACCESS_KEY_ID', 'AWS_LAMBDA_FUNCTION_NAME']));
    // The sender reads its records from the stream event, never a table.
    expect(sender.filter((n) => n.endsWith('_TABLE'))).toEqual([]);
    const closer = await envOf('ballot-closer');
    expect(closer.filter((n) => n.endsWith('_TABLE')).sort()).toEqual(['EVOTE_TABLE', 'OUTBOX_TABLE']);
    const holds = await envOf('registration-holds');
    // Its promotion mails carry the Period's public viewing link (issue 16): the hearing-day table, read only.
    expect(holds.filter((n) => n.endsWith('_TABLE')).sort()).toEqual(['HEARING_DAY_TABLE', 'OUTBOX_TABLE', 'REGISTRATIONS_TABLE']);
    expect(holds).not.toContain('DOCKET_TEST_DDB');
  });

  it('fails an event function that reads a table it has no grant for with AccessDeniedException', async () => {
    const event = { table: 'docket-evote', key: { pk: 'BALLOT#NONE', sk: 'BALLOT' } };
    const deniedBefore = rt.ddb.stats().denied;
    const denied = await rt.invoke('event-probe', event);
    expect(denied).toMatchObject({ kind: 'error', errorType: 'AccessDeniedException' });
    expect(denied.kind === 'error' && denied.errorMessage).toContain('docket-event-probe is not authorized to perform: dynamodb:GetItem');
    expect(rt.ddb.stats().denied).toBe(deniedBefore + 1);
    // The same code with the grant reads the table, signed as itself, in another thread.
    const granted = await rt.invoke('event-probe-evote', event);
    expect(granted.kind).toBe('ok');
    const payload = JSON.parse(granted.kind === 'ok' ? granted.payload : '{}');
    expect(payload).toMatchObject({ found: false, accessKey: accessKeyFor('event-probe-evote') });
    expect(payload.threadId).toBeGreaterThan(0);
  });

  it('runs the ballot closer the scheduler stand-in invokes in its own sandbox, not in the runtime', async () => {
    const before = await statsOf('ballot-closer');
    const id = await ballotIn(rt, 'open');
    const now = Date.parse((await rt.call('GET', '/api/dev/clock')).body.now);
    await rt.setNow(new Date(now + 25 * 3600_000).toISOString());
    const closed = await eventually('the ballot to be closed by its schedule', async () => {
      const res = await rt.call('GET', `/api/ballots/${id}`, { as: 'secretariat@example.org' });
      return res.body.status === 'closed' && res.body;
    });
    expect(closed.closedBy).toBe('schedule');
    expect((await statsOf('ballot-closer')).invoked).toBeGreaterThan(before.invoked);
    // And the stream's mail went out through the sender's own sandbox too.
    expect((await statsOf('outbox-sender')).invoked).toBeGreaterThan(0);
  });
});
