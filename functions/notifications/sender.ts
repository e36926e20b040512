// The outbox sender: triggered by the outbox table's stream (new images of inserts),
// it turns each message into MIME and delivers it. A failed message is reported back
// as a batch item failure so only it is retried.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../shared/logger';
import type { OutgoingMessage } from './message';
import { toMime } from './mime';
import { deliver, mailFrom } from './transport';

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const message = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as OutgoingMessage & { createdAt: string };
    try {
      await deliver(message.id, toMime(message, mailFrom, new Date(message.createdAt)));
      // Kind and ref only: the address and the text are personal data.
      logger.info('message sent', { kind: message.kind, ref: message.ref, messageId: message.id });
    } catch (error) {
      logger.error('message not sent', { kind: message.kind, messageId: message.id, error: (error as Error).name });
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}
