// A test-only function (never in the manifest or the stack): it reports what its
// sandbox sees — remaining time, clock, credentials, path — and can sleep, answer a large
// body, or read the evote table's name, so tests can judge the Lambda stand-in.
import { threadId } from 'node:worker_threads';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { clock } from '../../../functions/shared/clock';

export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  const q = event.queryStringParameters ?? {};
  const before = context.getRemainingTimeInMillis();
  if (q.sleep) await new Promise((r) => setTimeout(r, Number(q.sleep)));
  if (q.bytes) return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(Number(q.bytes)) };
  // Uses the evote store as a handler would: without a grant its table is unknown here.
  const evoteTable = q.use === 'evote' ? (await import('../../../functions/evote/store')) && (await import('../../../functions/evote/table')).evoteTable.envVar : undefined;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'x-frame-options': 'SAMEORIGIN' },
    body: JSON.stringify({
      before,
      after: context.getRemainingTimeInMillis(),
      now: clock.now().toISOString(),
      accessKey: process.env.AWS_ACCESS_KEY_ID,
      threadId,
      rawPath: event.rawPath,
      pathParameters: event.pathParameters,
      evoteTable: evoteTable && process.env[evoteTable],
    }),
  };
};
