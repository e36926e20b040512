// What other contexts use to put a message in the outbox inside their own transaction.
// They never see this table's keys; the stack grants them PutItem on it and no more.
import { ulid } from 'ulid';
import { tableNameOf } from '../shared/config';
import type { OutgoingMessage } from './message';
import { messageKey, outboxTable } from './table';

/** Messages are kept a week after being written: enough to retry, not to hoard addresses. */
const KEEP_SECONDS = 7 * 24 * 3600;

let tableName: string | undefined;

/** One TransactWriteItems entry that writes `message` to the outbox. */
export function outboxPut(message: Omit<OutgoingMessage, 'id'>, now: Date) {
  tableName ??= tableNameOf(outboxTable);
  const id = ulid(now.getTime());
  return {
    Put: {
      TableName: tableName,
      Item: { ...messageKey(id), ...message, id, createdAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
