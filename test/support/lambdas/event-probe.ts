// A test-only event function (never in the manifest or the stack): it reads one item of
// the table its event names, with the shared DynamoDB client, as a handler of another
// context's store would, and reports its sandbox's identity. Mounted twice by
// test/int/isolation.int.test.ts: with no grant, and with a read grant on the table.
import { threadId } from 'node:worker_threads';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../../functions/shared/ddb';

export const handler = async (event: { table: string; key: Record<string, string> }) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: event.table, Key: event.key }));
  return { found: Item !== undefined, accessKey: process.env.AWS_ACCESS_KEY_ID, threadId };
};
