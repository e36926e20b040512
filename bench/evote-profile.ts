// Profile of the vote path (issue 17): 32 clients voting in-process on DynamoDB Local,
// each (ballot, member) tried twice; SDK calls per accepted vote by command, refusals by
// cancellation reason, and the raw transaction ceiling beside it. npx tsx bench/evote-profile.ts
import '../local/env';
import { performance } from 'node:perf_hooks';
import { tables } from '../functions/manifest';
import { localClient, startDynamo } from '../local/dynamo';
import { ensureTables, tableEnv } from '../local/tables';
const dynamo = await startDynamo();
const c = localClient(dynamo.endpoint); await ensureTables(c, tables); c.destroy();
Object.assign(process.env, { ...tableEnv(tables), DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'l', AWS_SECRET_ACCESS_KEY: 'l', MAIL_FROM: 'b@x', POWERTOOLS_LOG_LEVEL: 'ERROR' });
const { handler } = await import('../functions/evote/handler');
const { ddb } = await import('../functions/shared/ddb');
const { apiEvent, claimsFor, lambdaContext } = await import('./event');
const { COMMISSIONERS } = await import('../functions/shared/commissioners');
const reasons: Record<string, number> = {};
const stats: Record<string, { n: number; ms: number; failed: number }> = {};
ddb.middlewareStack.add((next, ctx) => async (args) => {
  const name = String((ctx as any).commandName); const t = performance.now();
  const s = (stats[name] ??= { n: 0, ms: 0, failed: 0 });
  try { return await next(args); } catch (e) { s.failed++; const r = ((e as any).CancellationReasons ?? []).map((x: any) => x.Code ?? 'None').join(','); reasons[r || (e as any).name] = (reasons[r || (e as any).name] ?? 0) + 1; throw e; } finally { s.n++; s.ms += performance.now() - t; }
}, { step: 'initialize', name: 'prof' });
const sec = claimsFor({ sub: 'u-s', email: 's@x', groups: ['secretariat'] });
const cc = (cid: string) => claimsFor({ sub: `u-${cid}`, email: `${cid}@x`, groups: ['commissioner'], nationality: cid.slice(2).toUpperCase(), commissionerId: cid });
const call = async (method: string, route: string, id: string | undefined, claims: any, body?: unknown) => {
  const res = await handler(apiEvent({ method, route, path: route.replace('{id}', id ?? ''), pathParameters: id ? { id } : undefined, claims, body }), lambdaContext as never);
  return { status: res.statusCode ?? 0, body: res.body ? JSON.parse(res.body) : undefined };
};
for (const kind of ['named', 'secret']) {
  const ballots: string[] = [];
  for (let i = 0; i < 40; i++) {
    const b = await call('POST', '/api/ballots', undefined, sec, { title: 'B', question: 'q', kind, majority: 'majority_present', closesAt: '2100-01-01T00:00:00Z' });
    await call('POST', '/api/ballots/{id}/open', b.body.id, sec);
    ballots.push(b.body.id);
  }
  const attempts = ballots.flatMap((id) => COMMISSIONERS.flatMap((c) => [{ id, cid: c.id }, { id, cid: c.id }]));
  attempts.sort(() => Math.random() - 0.5);
  for (const k of Object.keys(stats)) delete stats[k]; for (const k of Object.keys(reasons)) delete reasons[k];
  let cursor = 0; const statuses: number[] = []; const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (cursor < attempts.length) { const { id, cid } = attempts[cursor++]; const t = performance.now(); statuses.push((await call('POST', '/api/ballots/{id}/votes', id, cc(cid), { choice: 'yes' })).status); lat.push(performance.now() - t); } }));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const acc = statuses.filter((s) => s === 201).length;
  console.log(kind, { attempts: statuses.length, accepted: acc, refused: statuses.filter((s) => s === 409).length, other: statuses.filter((s) => s !== 201 && s !== 409).length, acceptedPerSec: +(acc / secs).toFixed(1), p50: +lat[lat.length >> 1].toFixed(1), p99: +lat[Math.floor(lat.length * 0.99)].toFixed(1) });
  console.log('   refusals by reason', JSON.stringify(reasons)); for (const k of Object.keys(reasons)) delete reasons[k];
  for (const [k, v] of Object.entries(stats)) console.log('  ', k, 'calls', v.n, 'per accepted', +(v.n / acc).toFixed(2), 'failed', v.failed, 'avg ms', +(v.ms / v.n).toFixed(1));
}
// The database's own ceiling: the same concurrency of raw TransactWriteItems of the items
// an accepted named vote writes (counter update + marker put), on distinct ballots.
{
  const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const TableName = process.env.EVOTE_TABLE!;
  let n = 0; const total = 280; const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (n < total) { const i = n++; const pk = `RAW#${i % 40}`; await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Update: { TableName, Key: { pk, sk: 'BALLOT' }, UpdateExpression: 'ADD votesCast :one', ExpressionAttributeValues: { ':one': 1 } } },
    { Put: { TableName, Item: { pk, sk: `VOTER#${i}`, castAt: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } } ] })).catch(() => undefined); } }));
  console.log('raw 2-item TransactWriteItems, 32 clients:', +(total / ((performance.now() - t0) / 1000)).toFixed(1), '/s');
}
await dynamo.stop();
process.exit(0);
