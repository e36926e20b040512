// Local stand-in for DynamoDB Streams event source mappings: polls a table's stream on
// DynamoDB Local and hands batches to the same handler Lambda would receive them in.
//
// DynamoDB Local numbers stream records with one counter for all tables, so an iterator
// at a shard's trim horizon reads as "trimmed" once another table has been written to.
// The poller therefore reads from LATEST and, whenever it (re)starts a shard without a
// position, first catches up by scanning the table and handing over as INSERTs the
// items this poller has not handed over yet, so nothing written is missed and nothing
// is handed over twice by the stand-in itself.
//
// Failures are redelivered as the stack's event source mapping does
// (reportBatchItemFailures): from the lowest failed sequence number on, every later
// record again, up to RETRY_ATTEMPTS times; then the records are given up and logged
// as dead letters (the DLQ in AWS). A handler that throws fails the whole batch.
import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../functions/shared/logger';
import { localClient } from './dynamo';

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures?: { itemIdentifier: string }[] } | void>;
type StreamRecord = DynamoDBStreamEvent['Records'][number];

/** As the stack's DynamoEventSource (retryAttempts). */
export const RETRY_ATTEMPTS = 5;

export function pollStream(endpoint: string, tableName: string, handler: StreamHandler, intervalMs = 150): () => Promise<void> {
  const ddb = localClient(endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string>(); // shardId -> iterator
  const lastSeen = new Map<string, string>(); // shardId -> last sequence number handled
  const finished = new Set<string>();
  let running = true;
  let streamArn: string | undefined;
  const handed = new Set<string>(); // keys of the items handed over successfully
  // The item's key, the same for a stream record and a scanned item (tables key on pk/sk).
  const keyOf = (record: StreamRecord) => JSON.stringify([record.dynamodb?.NewImage?.pk, record.dynamodb?.NewImage?.sk]);

  /** One batch, redelivered from its first failed record until done or out of retries. */
  async function handOver(records: StreamRecord[]) {
    let pending = records;
    for (let attempt = 0; pending.length; attempt++) {
      let failed: string[];
      try {
        const result = await handler({ Records: pending });
        failed = (result && 'batchItemFailures' in result ? result.batchItemFailures ?? [] : []).map((f) => f.itemIdentifier);
      } catch {
        failed = [pending[0].dynamodb?.SequenceNumber ?? ''];
      }
      const firstFailed = failed.length ? Math.max(0, pending.findIndex((r) => failed.includes(r.dynamodb?.SequenceNumber ?? ''))) : pending.length;
      for (const record of pending.slice(0, firstFailed)) handed.add(keyOf(record));
      pending = pending.slice(firstFailed);
      if (!pending.length) return;
      if (attempt >= RETRY_ATTEMPTS) {
        logger.error('stream records given up (dead-letter queue in AWS)', { tableName, records: pending.length });
        return;
      }
      logger.warn('stream batch had failures: redelivering from the first', { tableName, redelivered: pending.length });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  async function discover() {
    streamArn ??= (await ddb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
    if (!streamArn) return;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (iterators.has(id) || finished.has(id)) continue;
      const after = lastSeen.get(id);
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: id,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'LATEST' }),
        }),
      );
      if (!after) await catchUp();
      if (ShardIterator) iterators.set(id, ShardIterator);
    }
  }

  async function catchUp() {
    let ExclusiveStartKey: Record<string, never> | undefined;
    do {
      const page = await ddb.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      const Records = (page.Items ?? [])
        .map((NewImage, i) => ({ eventName: 'INSERT', dynamodb: { NewImage, SequenceNumber: `catch-up-${i}` } }) as unknown as StreamRecord)
        .filter((record) => !handed.has(keyOf(record)));
      if (Records.length) await handOver(Records);
      ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (ExclusiveStartKey);
  }

  async function tick() {
    await discover();
    for (const [shardId, iterator] of iterators) {
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      } catch (error) {
        const name = (error as Error).name;
        if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
        lastSeen.delete(shardId);
        iterators.delete(shardId); // acquired again, with a catch-up, on the next tick
        continue;
      }
      const { Records, NextShardIterator } = page;
      if (Records?.length) {
        await handOver(Records as unknown as StreamRecord[]);
        lastSeen.set(shardId, Records[Records.length - 1].dynamodb!.SequenceNumber!);
      }
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        finished.add(shardId);
      }
    }
  }

  const loop = (async () => {
    while (running) {
      try {
        await tick();
      } catch (error) {
        // DynamoDB Local may be stopping or briefly away (fault tests): try again later.
        logger.debug('stream poll failed', { tableName, error: (error as Error).name });
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();

  return async () => {
    running = false;
    await loop;
    ddb.destroy();
    streams.destroy();
  };
}
