// Lost races through the real stack (issue 12): the local runtime's DynamoDB proxy
// cancels the next transactions on a table with TransactionConflict, as DynamoDB does
// when another transaction holds an item, and the stores' one retry policy
// (shared/retry.ts) must ride over them: a vote and a hearing decision still answer 2xx,
// once, and their domain conflicts still answer 409 afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };
const INJECTED = 3;

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

describe('injected transaction conflicts', () => {
  it('a vote whose transaction is cancelled 3 times is retried: 201, counted once', async () => {
    const created = await rt.call('POST', '/api/ballots', {
      as: SECRETARIAT,
      // Closes in 2100, after any clock another test file's runtime may set.
      body: { title: 'Consulta con conflictos', question: '¿Se aprueba?', kind: 'named', majority: 'majority_present', closesAt: '2100-01-01T00:00:00Z' },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await rt.call('POST', `/api/ballots/${id}/open`, { as: SECRETARIAT })).status).toBe(200);

    const before = rt.ddb.stats().conflictsInjected;
    rt.ddb.injectConflicts(INJECTED, 'evote');
    const voted = await rt.call('POST', `/api/ballots/${id}/votes`, { as: 'commissioner.mx@example.org', body: { choice: 'yes' } });
    expect(voted.status, voted.text).toBe(201);
    // Every injection was spent on this vote's attempts, and none of them applied.
    expect(rt.ddb.stats().conflictsInjected - before).toBe(INJECTED);
    const ballot = await rt.call('GET', `/api/ballots/${id}`, { as: SECRETARIAT });
    expect(ballot.body).toMatchObject({ status: 'open', votesCast: 1 });

    // The domain answer is unchanged after the retries: a second vote is refused.
    rt.ddb.injectConflicts(1, 'evote');
    const again = await rt.call('POST', `/api/ballots/${id}/votes`, { as: 'commissioner.mx@example.org', body: { choice: 'no' } });
    expect(again.status, again.text).toBe(409);
    expect((await rt.call('GET', `/api/ballots/${id}`, { as: SECRETARIAT })).body.votesCast).toBe(1);
  });

  it('a hearing decision whose transaction is cancelled 3 times is retried: 200, applied once', async () => {
    const session = await freshSession(rt, WINDOW);
    const submitted = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session) });
    expect(submitted.status, submitted.text).toBe(201);
    const id = submitted.body.id as string;

    const before = rt.ddb.stats().conflictsInjected;
    rt.ddb.injectConflicts(INJECTED, 'hearings');
    const decided = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Procede' } });
    expect(decided.status, decided.text).toBe(200);
    expect(rt.ddb.stats().conflictsInjected - before).toBe(INJECTED);
    // The secretariat sees the decision at once (the applicant only once it is released).
    const stored = await rt.call('GET', `/api/hearing-requests/${id}`, { as: SECRETARIAT });
    expect(stored.body).toMatchObject({ status: 'accepted' });
    expect(stored.body.history.filter((h: { status: string }) => h.status === 'accepted')).toHaveLength(1);

    // Deciding again is still the domain's 409, after a retried conflict too.
    rt.ddb.injectConflicts(1, 'hearings');
    const again = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'rejected', reason: 'Otra' } });
    expect(again.status, again.text).toBe(409);
  });

  it('a submission with an Idempotency-Key whose transaction is cancelled 3 times: 201 once, its replay answers the same request', async () => {
    const session = await freshSession(rt, WINDOW);
    const key = `retry-${Date.now().toString(36)}`;
    const body = validBody(session);
    rt.ddb.injectConflicts(INJECTED, 'hearings');
    const first = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body, headers: { 'idempotency-key': key } });
    expect(first.status, first.text).toBe(201);
    const replay = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
