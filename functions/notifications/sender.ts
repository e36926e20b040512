// The outbox sender: triggered by the outbox table's stream (new images of inserts),
// it turns each message into MIME and delivers it.
//
// A stream shard is ordered, and the event source (bisectBatchOnError +
// reportBatchItemFailures) resumes a shard from the LOWEST sequence number reported as
// failed: every record after it is delivered again. So the sender stops at the first
// failure and reports that record and every later one; going on would send the later
// mails now and again on the redelivery. (Powertools' BatchProcessor for DynamoDB
// streams does not stop at the first failure, and processes in parallel by default, so
// it does not give this guarantee on its own.)
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logContext, logger } from '../shared/logger';
import { countMetric, flushMetrics } from '../shared/metrics';
import type { OutgoingMessage } from './message';
import { toMime } from './mime';
import { deliver, mailFrom } from './transport';

async function send(record: DynamoDBRecord): Promise<void> {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return;
  const message = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as OutgoingMessage & { createdAt: string };
  try {
    await deliver(message.id, toMime(message, mailFrom, new Date(message.createdAt)), message.ref);
  } catch (error) {
    logger.error('message not sent', { kind: message.kind, messageId: message.id, error: (error as Error).name });
    countMetric('MailFailed');
    throw error;
  }
  // Kind and ref only: the address and the text are personal data.
  logger.info('message sent', { kind: message.kind, ref: message.ref, messageId: message.id });
  countMetric('MailSent');
}

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logContext(context);
  const records = event.Records;
  try {
    for (let i = 0; i < records.length; i++) {
      try {
        await send(records[i]);
      } catch {
        const rest = records.slice(i);
        logger.warn('batch stopped at a failed message', { failed: 1, notAttempted: rest.length - 1 });
        return { batchItemFailures: rest.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
      }
    }
    return { batchItemFailures: [] };
  } finally {
    flushMetrics();
  }
}
