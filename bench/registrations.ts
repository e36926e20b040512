// Benchmark of registration to attend (issue 4), handlers invoked in-process against
// DynamoDB Local:
//  - throughput: registrations/s with 32 concurrent clients on one session and mode,
//    then the invariants (exactly `capacity` confirmed, waiting-list positions 1..n with
//    no gap or repeat, counter equal to what the items say);
//  - capacity units per registration and per cancel-with-promotion (ReturnConsumedCapacity
//    TOTAL on the transaction, and on the same reads issued raw);
//  - register and cancel p50/p99 beside a raw TransactWriteItems of the same items.
import { performance } from 'node:perf_hooks';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, lambdaContext } from './event';
import { interleaved, round, usdPerMillion } from './measure';
import type { Benchmark, CapacityFigure, RouteFigure, ThroughputFigure } from './types';

const CLIENTS = 32;
const TOTAL = 480;
const CAPACITY = 160;
const LATENCY_N = 500;

const iso = (ms: number) => new Date(ms).toISOString();
const day = 24 * 3600 * 1000;

export default (async () => {
  const { toSession } = await import('../functions/sessions/session');
  const { createSession } = await import('../functions/sessions/store');
  const { handler } = await import('../functions/registrations/handler');
  const store = await import('../functions/registrations/store');
  const keys = await import('../functions/registrations/table');
  const { tableNameOf } = await import('../functions/shared/config');
  const { ddb } = await import('../functions/shared/ddb');
  const { outboxPut } = await import('../functions/notifications/outbox');
  const TableName = tableNameOf(keys.registrationsTable);
  const run = Date.now().toString(36);

  /** A throwaway session whose registration window is open now (the handler reads the real clock). */
  async function newSession(capacity: { in_person: number; online: number }) {
    const now = Date.now();
    const number = 100_000 + Math.floor(Math.random() * 899_999);
    return createSession(
      toSession({
        number,
        title: `bench ${number}`,
        startDate: iso(now + 30 * day).slice(0, 10),
        endDate: iso(now + 35 * day).slice(0, 10),
        timeZone: 'America/New_York',
        format: 'hybrid',
        requestWindow: { opensAt: iso(now - 60 * day), closesAt: iso(now - 40 * day) },
        registration: { opensAt: iso(now - day), closesAt: iso(now + day), capacity },
        hearingDays: [],
        slotMinutes: 60,
        rooms: ['A'],
      }),
    );
  }
  const person = (tag: string, attendance: 'in_person' | 'online' = 'in_person') => ({
    name: `Bench ${tag}`,
    email: `bench.${tag}.${run}@example.org`,
    country: 'US',
    attendance,
    language: 'en' as const,
    consentToPublish: false,
  });
  const post = (number: number, body: unknown) =>
    handler(
      apiEvent({ method: 'POST', route: '/api/sessions/{number}/registrations', path: `/api/sessions/${number}/registrations`, pathParameters: { number: String(number) }, body }),
      lambdaContext as never,
    ) as Promise<APIGatewayProxyStructuredResultV2>;
  const cancelCall = (id: string, token: string) =>
    handler(
      apiEvent({ method: 'POST', route: '/api/registrations/{id}/cancel', path: `/api/registrations/${id}/cancel`, pathParameters: { id }, headers: { 'x-registration-token': token } }),
      lambdaContext as never,
    ) as Promise<APIGatewayProxyStructuredResultV2>;

  // ---- throughput with 32 clients, invariants after --------------------------------
  const s1 = await newSession({ in_person: CAPACITY, online: 0 });
  let next = 0;
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const res = await post(s1.number, person(`t${i}`));
        if (res.statusCode !== 201) failures.push(`${res.statusCode}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const items = await store.listRegistrations(s1.number);
  const confirmed = items.filter((r) => r.status === 'confirmed').length;
  const positions = items.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition!).sort((a, b) => a - b);
  const counter = await store.readCounter(s1.number, 'in_person');
  const contiguous = positions.every((p, i) => p === i + 1);
  const invariantHeld =
    failures.length === 0 && items.length === TOTAL && confirmed === CAPACITY && positions.length === TOTAL - CAPACITY && contiguous &&
    counter.confirmed === CAPACITY && counter.waiting === TOTAL - CAPACITY && counter.seq === TOTAL - CAPACITY;
  const throughput: ThroughputFigure[] = [
    {
      operation: 'register (POST /api/sessions/{number}/registrations)',
      concurrency: CLIENTS,
      opsPerSec: round(TOTAL / seconds, 1),
      invariantHeld,
      detail: `group commit (up to 24 a transaction within one process); ${TOTAL} registrations for ${CAPACITY} seats: ${confirmed} confirmed, ${positions.length} waitlisted at 1..${positions.at(-1) ?? 0}${contiguous ? ' contiguous' : ' WITH GAPS'}; ${failures.length} failures; counter ${JSON.stringify(counter)}`,
    },
  ];

  // ---- capacity units ---------------------------------------------------------------
  const s2 = await newSession({ in_person: 2, online: 0 });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const readUnits = async (command: GetCommand | QueryCommand) => (await ddb.send(command as GetCommand)).ConsumedCapacity?.CapacityUnits ?? 0;
  const regWcu: number[] = [];
  const made = [];
  for (let i = 0; i < 4; i++) {
    made.push(await store.register(s2, person(`cap${i}`) as never, new Date(), (u) => regWcu.push(u)));
  }
  // The reads a registration makes: the session (eventually consistent) and the counter (strongly).
  const { sessionKey } = await import('../functions/sessions/table');
  const { sessionsTable } = await import('../functions/sessions/table');
  const sessionRead = await readUnits(new GetCommand({ TableName: tableNameOf(sessionsTable), Key: sessionKey(s2.number), ReturnConsumedCapacity: 'TOTAL' }));
  const counterRead = await readUnits(new GetCommand({ TableName, Key: keys.counterKey(s2.number, 'in_person'), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
  const regRcu = sessionRead + counterRead;
  const regWcuEach = round(sum(regWcu) / regWcu.length, 2);
  // Cancel a confirmed registration while two wait: the first waiting is promoted.
  const cancelWcu: number[] = [];
  const cancelled = await store.cancel(made[0].registration.id, new Date(), (u) => cancelWcu.push(u));
  const regRead = await readUnits(new GetCommand({ TableName, Key: keys.registrationKey(made[1].registration.id), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
  const queueRead = await readUnits(
    new QueryCommand({ TableName, IndexName: 'waitlist', KeyConditionExpression: 'waitKey = :k', ExpressionAttributeValues: { ':k': keys.waitIndexKey(s2.number, 'in_person') }, Limit: 1, ReturnConsumedCapacity: 'TOTAL' }),
  );
  const cancelRcu = regRead + queueRead;
  const cancelWcuEach = sum(cancelWcu);
  const capacity: CapacityFigure[] = [
    { operation: 'register (confirmed or waitlisted; 4-item transaction incl. outbox with QR)', rcu: round(regRcu, 2), wcu: regWcuEach, usdPerMillion: usdPerMillion(regRcu, regWcuEach) },
    {
      operation: `cancel with promotion (6-item transaction; promoted ${cancelled.promoted ? 'yes' : 'NO'})`,
      rcu: round(cancelRcu, 2),
      wcu: cancelWcuEach,
      usdPerMillion: usdPerMillion(cancelRcu, cancelWcuEach),
    },
  ];

  // ---- latency beside a raw TransactWriteItems baseline --------------------------------
  const s3 = await newSession({ in_person: 100_000, online: 0 });
  const big = 'x'.repeat(900); // about the size of a registration item
  const rawTransact = (i: number, count: number) =>
    ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName, Key: { pk: `BENCH#${run}`, sk: `C#${i}` }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
          ...Array.from({ length: count - 2 }, (_, k) => ({ Put: { TableName, Item: { pk: `BENCH#${run}#${i}#${k}`, sk: 'X', big }, ConditionExpression: 'attribute_not_exists(pk)' } })),
          outboxPut({ to: 'bench@example.org', language: 'en', subject: 'bench', text: big, kind: 'bench', ref: run }, new Date()),
        ] as never,
      }),
    );
  const register = await interleaved(
    LATENCY_N,
    async (i) => {
      const res = await post(s3.number, person(`l${i}`));
      if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    },
    (i) => rawTransact(1_000_000 + i, 4),
    10,
  );
  // Cancels: confirmed registrations on a full session with as many waiting, so each cancel promotes.
  const pool = LATENCY_N + 10;
  const s4 = await newSession({ in_person: pool, online: 0 });
  const holders: { id: string; token: string }[] = [];
  for (let i = 0; i < pool * 2; i++) {
    const { registration, token } = await store.register(s4, person(`x${i}`) as never, new Date());
    if (registration.status === 'confirmed') holders.push({ id: registration.id, token });
  }
  const cancelTiming = await interleaved(
    LATENCY_N,
    async (i) => {
      const h = holders[i < 0 ? LATENCY_N - 1 - i : i];
      const res = await cancelCall(h.id, h.token);
      if (res.statusCode !== 200) throw new Error(`cancel ${res.statusCode} ${res.body}`);
    },
    (i) => rawTransact(2_000_000 + i, 6),
    10,
  );
  const routes: RouteFigure[] = [
    { route: 'POST /api/sessions/{number}/registrations', p50Ms: register.subject.p50, p99Ms: register.subject.p99, baselineP50Ms: register.baseline.p50, overheadP50Ms: register.subject.overheadP50, baselineP99Ms: register.baseline.p99, n: LATENCY_N },
    { route: 'POST /api/registrations/{id}/cancel (with promotion)', p50Ms: cancelTiming.subject.p50, p99Ms: cancelTiming.subject.p99, baselineP50Ms: cancelTiming.baseline.p50, overheadP50Ms: cancelTiming.subject.overheadP50, baselineP99Ms: cancelTiming.baseline.p99, n: LATENCY_N },
  ];
  return { throughput, capacity, routes };
}) satisfies Benchmark;
