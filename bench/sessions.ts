// Sessions: warm latency of GET /api/sessions/{number} and GET /api/sessions through the
// whole middy stack, beside the raw SDK calls they need, and their consumed capacity.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lambdaContext, apiEvent } from './event';
import { interleaved, usdPerMillion } from './measure';
import type { Benchmark } from './types';

export default (async () => {
  const { handler } = await import('../functions/sessions/handler');
  const { ddb } = await import('../functions/shared/ddb');
  const { sessionKey, SESSION_PARTITION } = await import('../functions/sessions/table');
  const TableName = process.env.SESSIONS_TABLE!;
  const n = 500;

  const one = await interleaved(
    n,
    () => handler(apiEvent({ method: 'GET', route: '/api/sessions/{number}', path: '/api/sessions/178', pathParameters: { number: '178' } }), lambdaContext as never),
    () => ddb.send(new GetCommand({ TableName, Key: sessionKey(178) })),
  );
  const list = await interleaved(
    n,
    () => handler(apiEvent({ method: 'GET', route: '/api/sessions', path: '/api/sessions' }), lambdaContext as never),
    () => ddb.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SESSION_PARTITION } })),
  );

  const get = await ddb.send(new GetCommand({ TableName, Key: sessionKey(178), ReturnConsumedCapacity: 'TOTAL' }));
  const query = await ddb.send(
    new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SESSION_PARTITION }, ReturnConsumedCapacity: 'TOTAL' }),
  );
  const rcuGet = get.ConsumedCapacity?.CapacityUnits ?? 0;
  const rcuList = query.ConsumedCapacity?.CapacityUnits ?? 0;
  return {
    routes: [
      { route: 'GET /api/sessions/{number}', p50Ms: one.subject.p50, p99Ms: one.subject.p99, baselineP50Ms: one.baseline.p50, overheadP50Ms: one.subject.overheadP50, baselineP99Ms: one.baseline.p99, n },
      { route: 'GET /api/sessions', p50Ms: list.subject.p50, p99Ms: list.subject.p99, baselineP50Ms: list.baseline.p50, overheadP50Ms: list.subject.overheadP50, baselineP99Ms: list.baseline.p99, n },
    ],
    capacity: [
      { operation: 'get session', rcu: rcuGet, wcu: 0, usdPerMillion: usdPerMillion(rcuGet, 0) },
      { operation: 'list sessions', rcu: rcuList, wcu: 0, usdPerMillion: usdPerMillion(rcuList, 0) },
    ],
  };
}) satisfies Benchmark;
