// Benchmark of registration to attend.
//  - registrationBurst (issue 12): registration as production runs it. At least 1,000
//    registrants from 100 callers into a 1,000-seat session plus a waiting list, over
//    HTTP to the local runtime from a SEPARATE process (bench/burst-client.ts), each
//    caller with one request in flight; then the invariants from the store (no seat sold
//    twice, waiting positions contiguous, no 5xx) and p50/p99 as the callers saw them;
//  - growth.registrations (issue 17): 1,000 and 20,000 registrations in one session,
//    written directly (BatchWrite), a few cancels (waiting people from several buckets,
//    confirmed people whose seats promote the head), then exact waiting positions, the paged list and
//    the paged CSV export (time, the largest response, the process's peak RSS);
//  - capacity units per registration and per cancel-with-promotion, and register /
//    cancel p50/p99 beside a raw TransactWriteItems of the same items (in-process).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { monotonicFactory } from 'ulid';
import { apiEvent, claimsFor, lambdaContext } from './event';
import { interleaved, percentile, round, usdPerMillion } from './measure';
import type { Benchmark, CapacityFigure, RouteFigure } from './types';

const BURST_REGISTRANTS = 1_100;
const BURST_CALLERS = 100;
const BURST_SEATS = 1_000;
const GROWTH_SIZES = [1_000, 20_000];
const GROWTH_SEATS = 500;
const LATENCY_N = 300;

const iso = (ms: number) => new Date(ms).toISOString();
const day = 24 * 3600 * 1000;

export interface BurstFigure {
  registrants: number;
  callers: number;
  seats: number;
  confirmed: number;
  waitlisted: number;
  /** Confirmed registrations stored beyond the seats. */
  oversold: number;
  /** Waiting positions missing or repeated in 1..waitlisted (answers and stored). */
  gaps: number;
  errors5xx: number;
  otherErrors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
  /** TransactionConflicts the store's retry policy met (shared/retry.ts retryStats; in-process). */
  conflictsInjected: number;
  retries: number;
  detail: string;
}

export interface GrowthFigure {
  size: number;
  positionErrors: number;
  positionsChecked: number;
  maxResponseBytes: number;
  listP50Ms: number;
  listPages: number;
  csvMs: number;
  csvBytes: number;
  csvPeakRssMb: number;
  csvRssGrowthMb: number;
  /** The most DynamoDB calls (store's client) any page of the JSON list made: constant at any size. */
  maxCallsPerPage: number;
  /** The position of the last in the queue (store.currentPosition: the counter and one bucket of the queue). */
  lastPositionMs: number;
}

/** Warm registration instances for the burst (DOCKET_BURST_INSTANCES). */
const BURST_INSTANCES = Number(process.env.DOCKET_BURST_INSTANCES ?? 8);

/** DOCKET_BENCH_PARTS=burst,growth,latency runs only those parts (default: all). */
const parts = new Set((process.env.DOCKET_BENCH_PARTS ?? 'burst,growth,latency').split(','));

export default (async ({ ddbEndpoint }) => {
  process.env.DOCKET_RATE_LIMIT_PER_MINUTE = '0'; // the per-client limit (issue 13) is off for load
  const { toSession } = await import('../functions/sessions/session');
  const { createSession } = await import('../functions/sessions/store');
  const { handler } = await import('../functions/registrations/handler');
  const store = await import('../functions/registrations/store');
  const keys = await import('../functions/registrations/table');
  const { tableNameOf } = await import('../functions/shared/config');
  const { ddb } = await import('../functions/shared/ddb');
  const { retryStats, resetRetryStats } = await import('../functions/shared/retry');
  const { outboxPut } = await import('../functions/notifications/outbox');
  const { emailHash, hashToken, newConfirmationCode } = await import('../functions/registrations/registration');
  const { devUsers } = await import('../local/users');
  const TableName = tableNameOf(keys.registrationsTable);
  const run = Date.now().toString(36);
  const secretariat = claimsFor(devUsers.find((u) => u.groups.includes('secretariat'))!);

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
  const invoke = (event: ReturnType<typeof apiEvent>) => handler(event, lambdaContext as never) as Promise<APIGatewayProxyStructuredResultV2>;
  const post = (number: number, body: unknown) =>
    invoke(apiEvent({ method: 'POST', route: '/api/sessions/{number}/registrations', path: `/api/sessions/${number}/registrations`, pathParameters: { number: String(number) }, body }));
  const cancelCall = (id: string, token: string) =>
    invoke(apiEvent({ method: 'POST', route: '/api/registrations/{id}/cancel', path: `/api/registrations/${id}/cancel`, pathParameters: { id }, headers: { 'x-registration-token': token } }));
  const listCall = (number: number, query: Record<string, string>, csv = false) =>
    invoke(
      apiEvent({
        method: 'GET',
        route: '/api/sessions/{number}/registrations',
        path: `/api/sessions/${number}/registrations`,
        pathParameters: { number: String(number) },
        query,
        claims: secretariat,
        headers: csv ? { accept: 'text/csv' } : {},
      }),
    );

  // ---- the burst over HTTP from another process ----------------------------------------
  const { startLocal } = await import('../local/server');
  // Lambda would scale out to one instance per caller; here each instance is a worker
  // thread that transpiles the bundle on two shared cores (tried with 100 started on
  // demand: cold starts ran past the function timeout, a measure of this machine, not of
  // the store). So BURST_INSTANCES registration instances, warmed before the burst as
  // Lambda's would be by then; p99 still includes waiting for a free one.
  const rt = parts.has('burst')
    ? await startLocal({ ddbEndpoint, inMemory: true, throttle: false, rateLimitPerMinute: 0, concurrency: BURST_INSTANCES })
    : undefined;
  await rt?.warm(['registrations'], BURST_INSTANCES);
  let registrationBurst: BurstFigure | undefined;
  if (rt) try {
    const s0 = await newSession({ in_person: BURST_SEATS, online: 0 });
    resetRetryStats();
    // DynamoDB cancels overlapping transactions; the design takes seats with single-item
    // updates so registrants rarely overlap, so conflicts are also injected: the proxy cancels
    // the first registrants/10 transactions on the registrations table (its fault mode),
    // and each must be retried by the store's policy, in its worker, and still end in one
    // answer.
    rt.ddb.injectConflicts(Math.round(BURST_REGISTRANTS / 10), 'registrations');
    const started = performance.now();
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'burst-client.ts'), JSON.stringify({ url: rt.url, session: s0.number, registrants: BURST_REGISTRANTS, callers: BURST_CALLERS, run })],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`burst client exited ${code}`))));
    });
    const seconds = (performance.now() - started) / 1000;
    const answers = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { i: number; status: number; ms: number; state?: string; position?: number });
    const stored = await store.listRegistrations(s0.number);
    const storedConfirmed = stored.filter((r) => r.status === 'confirmed').length;
    const answeredPositions = answers.filter((a) => a.state === 'waitlisted').map((a) => a.position!);
    const storedPositions = stored.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition!);
    const gapsIn = (positions: number[]) => {
      const seen = new Set(positions);
      let gaps = positions.length - seen.size; // repeats
      for (let p = 1; p <= positions.length; p++) if (!seen.has(p)) gaps++;
      return gaps;
    };
    const counter = await store.readCounter(s0.number, 'in_person');
    const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
    registrationBurst = {
      registrants: answers.length,
      callers: BURST_CALLERS,
      seats: BURST_SEATS,
      confirmed: storedConfirmed,
      waitlisted: storedPositions.length,
      oversold: Math.max(0, storedConfirmed - BURST_SEATS, counter.confirmed - BURST_SEATS),
      gaps: Math.max(gapsIn(answeredPositions), gapsIn(storedPositions)),
      errors5xx: answers.filter((a) => a.status >= 500).length,
      otherErrors: answers.filter((a) => a.status !== 201 && a.status < 500).length,
      p50Ms: round(percentile(latencies, 50), 1),
      p99Ms: round(percentile(latencies, 99), 1),
      maxMs: round(latencies.at(-1) ?? 0, 1),
      perSecond: round(answers.length / seconds, 1),
      // The retries happen in the function's workers; the proxy counts what it cancelled.
      conflictsInjected: rt.ddb.stats().conflictsInjected,
      retries: rt.ddb.stats().transactionConflicts + rt.ddb.stats().writeConflicts,
      detail: `one person per request (no batching); HTTP from a separate process, ${BURST_CALLERS} callers each one request at a time; stored ${stored.length}; counter ${JSON.stringify({ confirmed: counter.confirmed, waiting: counter.waiting, seq: counter.seq })}`,
    };
  } finally {
    await rt.stop();
  }
  const throughput = registrationBurst
    ? [
        {
          operation: 'registration burst (POST /api/sessions/{number}/registrations over HTTP, one person per request)',
          concurrency: BURST_CALLERS,
          opsPerSec: registrationBurst.perSecond,
          invariantHeld: registrationBurst.oversold === 0 && registrationBurst.gaps === 0 && registrationBurst.errors5xx === 0,
          detail: `${registrationBurst.registrants} registrants for ${registrationBurst.seats} seats: ${registrationBurst.confirmed} confirmed, ${registrationBurst.waitlisted} waitlisted; oversold ${registrationBurst.oversold}, gaps ${registrationBurst.gaps}, 5xx ${registrationBurst.errors5xx}; p99 ${registrationBurst.p99Ms} ms`,
        },
      ]
    : [];
  if (!parts.has('growth') && !parts.has('latency')) return { throughput, registrationBurst };

  // ---- growth: 1k and 20k registrations in one session -----------------------------------
  const nextId = monotonicFactory();
  async function seed(size: number) {
    const session = await newSession({ in_person: GROWTH_SEATS, online: 0 });
    const n = session.number;
    const expiresAt = Math.floor(Date.now() / 1000) + 40 * 24 * 3600;
    const now = Date.now();
    const items: Record<string, unknown>[] = [];
    const waitIds: string[] = [];
    const seatIds: string[] = [];
    for (let i = 0; i < size; i++) {
      const id = nextId(now);
      const code = newConfirmationCode();
      const waitSeq = i >= GROWTH_SEATS ? i - GROWTH_SEATS + 1 : undefined;
      items.push({
        ...keys.registrationKey(id),
        id,
        name: `Growth ${i}`,
        email: `growth.${i}.${n}@example.org`,
        organization: 'Bench organisation',
        country: 'US',
        attendance: 'in_person',
        language: 'en',
        consentToPublish: false,
        sessionNumber: n,
        status: waitSeq ? 'waitlisted' : 'confirmed',
        confirmationCode: code,
        tokenHash: hashToken(id),
        createdAt: iso(now),
        verifiedAt: iso(now),
        expiresAt,
        ...(waitSeq ? { waitSeq, waitlistPosition: waitSeq } : {}),
        sessionKey: keys.sessionIndexKey(n),
        createdKey: id,
        codeKey: keys.codeIndexKey(n, code),
      });
      if (waitSeq) {
        items.push({ ...keys.waitQueueKey(n, 'in_person', waitSeq), registrationId: id, expiresAt });
        waitIds.push(id);
      } else seatIds.push(id);
    }
    const waiting = Math.max(0, size - GROWTH_SEATS);
    items.push({ ...keys.counterKey(n, 'in_person'), confirmed: Math.min(size, GROWTH_SEATS), waiting, seq: waiting, expiresAt });
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let b = cursor++; b < batches.length; b = cursor++) {
          let pending = batches[b].map((Item) => ({ PutRequest: { Item } }));
          while (pending.length > 0) {
            const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
            pending = (out.UnprocessedItems?.[TableName] ?? []) as typeof pending;
          }
        }
      }),
    );
    return { n, waitIds, seatIds };
  }

  /**
   * People leave as they do in a real session, so positions are not simply the ticket
   * numbers: some waiting people cancel (from several buckets of tickets), and some
   * confirmed people cancel, each promoting the head of the queue. Returns the waiting
   * list left, in order.
   */
  async function departures(n: number, waitIds: string[], seatIds: string[]): Promise<string[]> {
    const leaving = [
      ...[0.1, 0.45, 0.5, 0.9].map((f) => waitIds[Math.floor(f * (waitIds.length - 1))]),
      ...seatIds.slice(0, 3),
    ];
    for (const id of leaving) {
      // The seeded items have no email guard; cancelling removes it, so put it first.
      const reg = (await store.findRegistration(id))!;
      await ddb.send(new PutCommand({ TableName, Item: { ...keys.emailGuardKey(n, emailHash(n, reg.email)), registrationId: id, expiresAt: reg.expiresAt } }));
      await store.cancel(id, new Date());
    }
    const gone = new Set(leaving);
    const left = waitIds.filter((id) => !gone.has(id));
    return left.slice(Math.min(left.length, 3)); // three promoted from the head
  }

  const growth: GrowthFigure[] = [];
  for (const size of parts.has('growth') ? GROWTH_SIZES : []) {
    const seeded = await seed(size);
    const n = seeded.n;
    const waitIds = await departures(n, seeded.waitIds, seeded.seatIds);
    // Waiting positions through the list's pages (every waitlisted row) and the
    // registration view (a sample including the last ones, where COUNT used to stop).
    let positionErrors = 0;
    let positionsChecked = 0;
    const expected = new Map(waitIds.map((id, i) => [id, i + 1]));
    const pageMs: number[] = [];
    let maxResponseBytes = 0;
    let cursor: string | undefined;
    let pages = 0;
    // The store's calls counted page by page (the session read goes through another client: +1).
    let calls = 0;
    let maxCallsPerPage = 0;
    const { raceDdb } = await import('../functions/shared/ddb');
    const previousClient = store.useClient({ send: ((command: never) => (calls++, raceDdb.send(command))) as typeof raceDdb.send });
    do {
      calls = 0;
      const t = performance.now();
      const res = await listCall(n, cursor ? { cursor } : {});
      pageMs.push(performance.now() - t);
      maxCallsPerPage = Math.max(maxCallsPerPage, calls);
      if (res.statusCode !== 200) throw new Error(`list ${res.statusCode} ${res.body}`);
      maxResponseBytes = Math.max(maxResponseBytes, Buffer.byteLength(res.body ?? ''));
      const body = JSON.parse(res.body!) as { items: { id: string; status: string; waitlistPosition?: number }[]; nextCursor?: string };
      for (const row of body.items) {
        if (row.status !== 'waitlisted') continue;
        positionsChecked++;
        if (row.waitlistPosition !== expected.get(row.id)) positionErrors++;
      }
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    store.useClient(previousClient);
    const sample = [...waitIds.slice(0, 3), ...waitIds.slice(-3)];
    let lastPositionMs = 0;
    for (const id of sample) {
      const reg = (await store.findRegistration(id))!;
      const t = performance.now();
      const position = await store.currentPosition(reg);
      lastPositionMs = performance.now() - t;
      positionsChecked++;
      if (position !== expected.get(id)) positionErrors++;
    }
    // The CSV export, page after page, each page dropped once counted (as the browser
    // would append it to a Blob); RSS sampled meanwhile.
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const t0 = performance.now();
    let csvBytes = 0;
    cursor = undefined;
    do {
      const res = await listCall(n, cursor ? { cursor } : {}, true);
      if (res.statusCode !== 200) throw new Error(`csv ${res.statusCode} ${res.body}`);
      const bytes = Buffer.byteLength(res.body ?? '');
      csvBytes += bytes;
      maxResponseBytes = Math.max(maxResponseBytes, bytes);
      cursor = (res.headers?.['x-next-cursor'] as string | undefined) ?? undefined;
      peak = Math.max(peak, process.memoryUsage().rss);
    } while (cursor);
    const csvMs = performance.now() - t0;
    clearInterval(sampler);
    const mb = (b: number) => round(b / 2 ** 20, 1);
    const sorted = [...pageMs].sort((a, b) => a - b);
    growth.push({
      size,
      positionErrors,
      positionsChecked,
      maxResponseBytes,
      listP50Ms: round(percentile(sorted, 50), 1),
      listPages: pages,
      csvMs: round(csvMs, 0),
      csvBytes,
      csvPeakRssMb: mb(peak),
      csvRssGrowthMb: mb(peak - rssBefore),
      lastPositionMs: round(lastPositionMs, 1),
      maxCallsPerPage,
    });
  }

  if (!parts.has('latency')) return { throughput, registrationBurst, growth: { registrations: growth } };

  // ---- capacity units ---------------------------------------------------------------
  const s2 = await newSession({ in_person: 2, online: 0 });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const readUnits = async (command: GetCommand | QueryCommand) => (await ddb.send(command as GetCommand)).ConsumedCapacity?.CapacityUnits ?? 0;
  const regWcu: number[] = [];
  const made = [];
  for (let i = 0; i < 4; i++) made.push(await store.register(s2, person(`cap${i}`) as never, new Date(), { sink: (u) => regWcu.push(u) }));
  const { sessionKey, sessionsTable } = await import('../functions/sessions/table');
  const sessionRead = await readUnits(new GetCommand({ TableName: tableNameOf(sessionsTable), Key: sessionKey(s2.number), ReturnConsumedCapacity: 'TOTAL' }));
  const guardRead = 1; // the email guard's conditional Put: 1 WCU, no read
  const regRcu = sessionRead;
  // The transaction's units plus the guard Put and the counter's single-item update (1 WCU each).
  const regWcuEach = round(sum(regWcu) / regWcu.length + guardRead + 1, 2);
  const cancelWcu: number[] = [];
  await store.cancel(made[0].registration.id, new Date(), { sink: (u) => cancelWcu.push(u) });
  const promotedNow = await store.findRegistration(made[2].registration.id);
  const regRead = await readUnits(new GetCommand({ TableName, Key: keys.registrationKey(made[1].registration.id), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
  const queueRead = await readUnits(
    new QueryCommand({ TableName, KeyConditionExpression: 'pk = :q', ExpressionAttributeValues: { ':q': keys.waitQueueKey(s2.number, 'in_person', 0).pk }, ConsistentRead: true, Limit: 1, ReturnConsumedCapacity: 'TOTAL' }),
  );
  const cancelRcu = regRead * 2 + queueRead;
  const cancelWcuEach = sum(cancelWcu);
  const capacity: CapacityFigure[] = [
    { operation: 'register (guard Put + counter ADD + 5-item transaction incl. outbox with QR and hold)', rcu: round(regRcu, 2), wcu: regWcuEach, usdPerMillion: usdPerMillion(regRcu, regWcuEach) },
    {
      operation: `cancel with promotion (7-item transaction; promoted ${promotedNow?.status === 'confirmed' ? 'yes' : 'NO'})`,
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
    (i) => rawTransact(1_000_000 + i, 5),
    10,
  );
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
    (i) => rawTransact(2_000_000 + i, 7),
    10,
  );
  const routes: RouteFigure[] = [
    { route: 'POST /api/sessions/{number}/registrations', p50Ms: register.subject.p50, p99Ms: register.subject.p99, baselineP50Ms: register.baseline.p50, overheadP50Ms: register.subject.overheadP50, baselineP99Ms: register.baseline.p99, n: LATENCY_N },
    { route: 'POST /api/registrations/{id}/cancel (with promotion)', p50Ms: cancelTiming.subject.p50, p99Ms: cancelTiming.subject.p99, baselineP50Ms: cancelTiming.baseline.p50, overheadP50Ms: cancelTiming.subject.overheadP50, baselineP99Ms: cancelTiming.baseline.p99, n: LATENCY_N },
  ];
  return { throughput, capacity, routes, registrationBurst, growth: { registrations: growth } };
}) satisfies Benchmark;
