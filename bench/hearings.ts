// Hearing requests: warm latency of submit and list through the whole middy stack
// (handlers invoked in-process against DynamoDB Local) beside the raw SDK call each
// route is built on (PutCommand, TransactWriteCommand, Query), the capacity units one
// submit really consumes (every call the handler makes, with ReturnConsumedCapacity),
// and 10 concurrent retries with one Idempotency-Key creating exactly one request.
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { apiEvent, claimsFor, lambdaContext } from './event';
import { capacityMeter, interleaved, usdPerMillion } from './measure';
import type { Benchmark, CapacityFigure, RouteFigure } from './types';

export default (async () => {
  const { handler } = await import('../functions/hearings/handler');
  const { ddb } = await import('../functions/shared/ddb');
  const { requestKey, requestIndexKeys, statePointerKey, statePk, ownerPk, sessionPk } = await import('../functions/hearings/table');
  const { createSession } = await import('../functions/sessions/store');
  const { toSession } = await import('../functions/sessions/session');
  const { devUsers } = await import('../local/users');
  const TableName = process.env.HEARINGS_TABLE!;
  const n = 500;

  // A throwaway session whose window is open at the real clock.
  const now = Date.now();
  const number = 90_000 + Math.floor(Math.random() * 9_000);
  const year = new Date(now).getUTCFullYear() + 1;
  await createSession(
    toSession({
      number,
      title: `${number} bench`,
      startDate: `${year}-12-01`,
      endDate: `${year}-12-10`,
      timeZone: 'America/New_York',
      format: 'online',
      requestWindow: { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() },
      registration: { opensAt: `${year}-11-01T00:00:00Z`, closesAt: `${year}-12-10T00:00:00Z`, capacity: { in_person: 0, online: 10 } },
      hearingDays: [`${year}-12-02`],
      slotMinutes: 60,
      rooms: ['Sala virtual 1'],
    }),
  );

  const applicant = devUsers.find((u) => u.email === 'applicant1@example.org')!;
  const secretariat = devUsers.find((u) => u.email === 'secretariat@example.org')!;
  const body = {
    sessionNumber: number,
    kind: 'case',
    states: ['CO', 'PE'],
    matter: { type: 'case', number: '13.752' },
    title: 'Derecho a la consulta previa',
    objective: 'Informar a la Comisión sobre el estado de cumplimiento de las recomendaciones.',
    basis: 'Las comunidades no fueron consultadas antes de la concesión minera otorgada en su territorio ancestral.',
    participants: [
      { name: 'Ana Pérez', organization: 'Colectivo', role: 'representative', confidential: false },
      { name: 'Reservado', role: 'witness', confidential: true },
    ],
    languages: ['es'],
    private: false,
    contact: { name: 'Ana Pérez', email: 'ana@example.org' },
  };
  const submitEvent = (key?: string) =>
    apiEvent({
      method: 'POST',
      route: '/api/hearing-requests',
      body,
      headers: { 'accept-language': 'es', ...(key ? { 'idempotency-key': key } : {}) },
      claims: claimsFor(applicant),
    });
  const submit = async (key?: string) => {
    const res = (await handler(submitEvent(key), lambdaContext as never)) as { statusCode: number; body: string };
    if (res.statusCode !== 201) throw new Error(`submit answered ${res.statusCode}: ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  };
  // The raw write a request is at least: one PutItem of an item of the same size.
  const rawItem = () => {
    const id = ulid();
    const at = new Date().toISOString();
    return { ...requestKey(id), ...requestIndexKeys({ id, ownerSub: 'bench-raw', sessionNumber: number, status: 'submitted' }), id, ...body, status: 'submitted', submittedAt: at, updatedAt: at, language: 'es', ownerSub: 'bench-raw', history: [{ at, status: 'submitted', by: 'bench-raw' }], version: 1 };
  };
  const put = interleaved(n, () => submit(), () => ddb.send(new PutCommand({ TableName, Item: rawItem() })));
  const submitted = await put;
  // With a key the handler also checks for a stored first response and writes the
  // idempotency record; the baseline is the same transaction (request, 2 State
  // pointers, idempotency record) written raw, without the outbox.
  let k = 0;
  const keyed = await interleaved(
    n,
    () => submit(`bench-${Date.now()}-${k++}`),
    () => {
      const item = rawItem();
      return ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...body.states.map((s) => ({ Put: { TableName, Item: { ...statePointerKey(item.id, s), statePk: statePk(s), id: item.id } } })),
            { Put: { TableName, Item: { pk: `IDEM#raw#${item.id}`, sk: 'IDEM', response: JSON.stringify(item) }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    },
  );

  const listEvent = (query: Record<string, string>, who: typeof applicant) =>
    apiEvent({ method: 'GET', route: '/api/hearing-requests', query, claims: claimsFor(who) });
  const mine = await interleaved(
    n,
    () => handler(listEvent({ limit: '20' }, applicant), lambdaContext as never),
    () => ddb.send(new QueryCommand({ TableName, IndexName: 'byOwner', KeyConditionExpression: 'ownerPk = :pk', ExpressionAttributeValues: { ':pk': ownerPk(applicant.sub) }, ScanIndexForward: false, Limit: 20 })),
  );
  const queue = await interleaved(
    n,
    () => handler(listEvent({ sessionNumber: String(number), status: 'submitted', limit: '20' }, secretariat), lambdaContext as never),
    () =>
      ddb.send(
        new QueryCommand({
          TableName,
          IndexName: 'bySessionStatus',
          KeyConditionExpression: 'sessionPk = :pk AND begins_with(statusSk, :s)',
          ExpressionAttributeValues: { ':pk': sessionPk(number), ':s': 'submitted#' },
          ScanIndexForward: false,
          Limit: 20,
        }),
      ),
  );

  // Capacity: every DynamoDB call the handler makes for one submit, as DynamoDB counts it.
  const meter = await capacityMeter();
  const capacityOf = (run: () => Promise<unknown>) => meter.measure(run);
  const plain = await capacityOf(() => submit());
  const withKey = await capacityOf(() => submit(`bench-cap-${Date.now()}`));
  const listed = await capacityOf(() => handler(listEvent({ limit: '20' }, applicant), lambdaContext as never));
  meter.remove();

  // Invariant: 10 concurrent retries with one key create one request.
  const key = `bench-race-${Date.now()}`;
  const started = performance.now();
  const ids = await Promise.all(Array.from({ length: 10 }, () => submit(key)));
  const seconds = (performance.now() - started) / 1000;
  const distinct = new Set(ids.map((r) => r.id)).size;

  const figure = (route: string, t: Awaited<typeof submitted>): RouteFigure => ({
    route,
    p50Ms: t.subject.p50,
    p99Ms: t.subject.p99,
    baselineP50Ms: t.baseline.p50, overheadP50Ms: t.subject.overheadP50,
    baselineP99Ms: t.baseline.p99,
    n,
  });
  const capacity = (operation: string, c: { rcu: number; wcu: number }): CapacityFigure => ({ operation, rcu: c.rcu, wcu: c.wcu, usdPerMillion: usdPerMillion(c.rcu, c.wcu) });
  return {
    routes: [
      figure('POST /api/hearing-requests', submitted),
      figure('POST /api/hearing-requests + Idempotency-Key', keyed),
      figure('GET /api/hearing-requests (applicant)', mine),
      figure('GET /api/hearing-requests?sessionNumber&status (secretariat)', queue),
    ],
    capacity: [
      capacity('submit hearing request (session read + transaction: request, 2 State pointers, outbox)', plain),
      capacity('submit with Idempotency-Key (+ replay check read, + idempotency record)', withKey),
      capacity('list own hearing requests (20, each with confidential names: one read record written per request)', listed),
    ],
    throughput: [
      {
        operation: 'submit, 10 concurrent retries with one Idempotency-Key',
        concurrency: 10,
        opsPerSec: Math.round(10 / seconds),
        invariantHeld: distinct === 1,
        detail: `${distinct} distinct request id(s) returned`,
      },
    ],
  };
}) satisfies Benchmark;
