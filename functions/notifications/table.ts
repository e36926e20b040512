// The outbox: messages to send, written by other contexts in the same DynamoDB
// transaction as the change they announce, so a change is never made without its
// message nor a message sent for a change that did not happen. A stream on this table
// feeds the sender; items expire by TTL once sent (they hold an email address).
// Access patterns:
//   put a message (in another context's transaction)   Put  pk=MSG#<ulid>
//   the sender reads new images from the stream only
import { defineTable } from '../shared/table';

export const outboxTable = defineTable({
  id: 'outbox',
  envVar: 'OUTBOX_TABLE',
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
  stream: true,
});

export const messageKey = (id: string) => ({ pk: `MSG#${id}` });
