// A registration request cut off between taking its seat (or ticket) and storing the
// registration (issue 12), through the real stack: the registrations function runs with
// a short timeout in the local runtime, and its person transaction (or the settling
// update after it) is held in the DynamoDB proxy past the deadline. The function answers
// at its deadline (middy's early timeout, as in Lambda, where the sandbox is then frozen
// or discarded with the rest of the work), so nothing in it gives the seat back; the
// holds sweep (store.releaseStaleReservations, run by the
// `registration-holds` schedule) must, exactly once, and only when the registration did
// not land.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as store from '../../functions/registrations/store';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

let rt: TestRuntime;
const NOW = '2020-11-25T15:00:00Z';
/** Later than any in-flight reservation may be young (store.RESERVATION_SETTLED_MS). */
const LATER = new Date(Date.parse(NOW) + store.RESERVATION_SETTLED_MS + 5 * 60_000);
const run = Date.now().toString(36);
const SECRETARIAT = 'secretariat@example.org';

let restore: (() => void) | undefined;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW, throttle: false, timeoutSeconds: { registrations: 4 } });
  // The sweep here talks to DynamoDB Local directly: the held call is a dead request's,
  // which in DynamoDB holds no item for minutes (the proxy would keep its items locked).
  const direct = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DOCKET_TEST_DDB, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const previous = store.useClient(direct);
  restore = () => store.useClient(previous);
  await rt.warm(['registrations', 'sessions']);
  await rt.setNow(NOW);
});
afterAll(async () => {
  restore?.();
  await rt?.stop();
});

const sessionWithSeats = (seats: number) =>
  throwawaySession(rt, {
    format: 'hybrid',
    requestWindow: { opensAt: '2020-10-01T00:00:00Z', closesAt: '2020-10-20T00:00:00Z' },
    registration: { opensAt: '2020-11-20T00:00:00Z', closesAt: '2020-12-10T00:00:00Z', capacity: { in_person: seats, online: 0 } },
  });
const person = (tag: string) => ({ name: `Leak ${tag}`, email: `leak.${tag}.${run}@example.org`, country: 'BR', attendance: 'in_person', language: 'pt', consentToPublish: false });
const register = (n: number, tag: string) => rt.call('POST', `/api/sessions/${n}/registrations`, { body: person(tag) });
const available = async (n: number) => (await rt.call('GET', `/api/sessions/${n}/registration-info`)).body.modes.in_person as { available: number; waiting: number };
const isPersonTransaction = (body: { TransactItems?: { Put?: { Item?: { pk?: { S?: string } } } }[] }) =>
  (body.TransactItems ?? []).some((i) => i.Put?.Item?.pk?.S?.startsWith('REG#'));

/** Registers `tag` while `hold` keeps one of its calls in flight past the function's deadline. */
async function killedRegistration(n: number, tag: string, hold: { operation: string; match: (body: any) => boolean }) {
  const held = rt.ddb.hold(hold.operation, hold.match);
  const res = await register(n, tag);
  // Cut off at the deadline, the outcome unknown to the caller: the handler's own 503 just
  // before it (middy's early timeout), or, on a loaded machine, the sandbox terminated and
  // the gateway's 500 {"message":"Internal Server Error"}.
  expect([500, 503]).toContain(res.status);
  await held.arrived;
  return held;
}

describe('a registration killed in flight', () => {
  it('before its transaction: the seat is held until the sweep fences the id and gives the seat back, once', async () => {
    const n = await sessionWithSeats(1);
    const held = await killedRegistration(n, `a${n}`, { operation: 'TransactWriteItems', match: isPersonTransaction });
    await held.arrived;
    // The seat is gone and nothing holds it but the in-flight entry.
    expect(await available(n)).toMatchObject({ available: 0 });
    const inFlight = await store.reservationsInFlight(n, 'in_person');
    expect(inFlight).toHaveLength(1);
    expect(inFlight[0].seq).toBe(0);
    // A sweep at NOW does nothing: the request could still be running.
    await store.releaseStaleReservations(new Date(NOW));
    expect(await available(n)).toMatchObject({ available: 0 });

    expect(await store.releaseStaleReservations(LATER)).toBeGreaterThanOrEqual(1);
    expect(await available(n)).toMatchObject({ available: 1 });
    expect(await store.reservationsInFlight(n, 'in_person')).toEqual([]);
    // The dead request's transaction arrives after all: the fence refuses it (before or
    // after what follows, it can never land).
    held.release();
    expect(await store.findRegistration(inFlight[0].id)).toBeUndefined();

    // The seat is sold to the next person, and sweeping again gives nothing back twice.
    const next = await register(n, `a2${n}`);
    expect(next.status).toBe(201);
    expect(next.body.status).toBe('confirmed');
    await store.releaseStaleReservations(LATER);
    await store.releaseStaleReservations(LATER);
    expect(await store.readCounter(n, 'in_person')).toMatchObject({ confirmed: 1, waiting: 0 });
    const list = await rt.call('GET', `/api/sessions/${n}/registrations`, { as: SECRETARIAT });
    expect(list.body.items.map((r: { name: string }) => r.name)).toEqual([`Leak a2${n}`]);
  });

  it('after its transaction committed: the sweep removes the entry and gives nothing back', async () => {
    const n = await sessionWithSeats(2);
    // The settling update (REMOVE held#<id>) after the person's transaction is what hangs.
    const held = await killedRegistration(n, `b${n}`, { operation: 'UpdateItem', match: (body) => body.UpdateExpression === 'REMOVE #held' });
    await held.arrived;
    const [entry] = await store.reservationsInFlight(n, 'in_person');
    expect(entry).toBeDefined();
    expect((await store.findRegistration(entry.id))?.status).toBe('confirmed'); // it landed
    expect(await store.releaseStaleReservations(LATER)).toBe(0);
    expect(await store.reservationsInFlight(n, 'in_person')).toEqual([]);
    expect(await store.readCounter(n, 'in_person')).toMatchObject({ confirmed: 1 });
    expect(await available(n)).toMatchObject({ available: 1 });
    held.release();
    expect((await store.findRegistration(entry.id))?.status).toBe('confirmed');
  });

  it('a waiting ticket: those behind move up once the dead ticket is given back', async () => {
    const n = await sessionWithSeats(1);
    expect((await register(n, `c1${n}`)).body.status).toBe('confirmed');
    const held = await killedRegistration(n, `c2${n}`, { operation: 'TransactWriteItems', match: isPersonTransaction });
    await held.arrived;
    const behind = await register(n, `c3${n}`);
    expect([behind.body.status, behind.body.waitlistPosition]).toEqual(['waitlisted', 2]); // the dead ticket counts until swept
    expect(await available(n)).toMatchObject({ waiting: 2 });

    expect(await store.releaseStaleReservations(LATER)).toBeGreaterThanOrEqual(1);
    held.release();
    expect(await store.readCounter(n, 'in_person')).toMatchObject({ confirmed: 1, waiting: 1, seq: 2 });
    const list = await rt.call('GET', `/api/sessions/${n}/registrations`, { as: SECRETARIAT });
    const waiting = list.body.items.filter((r: { status: string }) => r.status === 'waitlisted');
    expect(waiting.map((r: { name: string; waitlistPosition: number }) => [r.name, r.waitlistPosition])).toEqual([[`Leak c3${n}`, 1]]);
    expect(await store.releaseStaleReservations(LATER)).toBe(0);
    expect(await store.readCounter(n, 'in_person')).toMatchObject({ waiting: 1 });
  });
});
