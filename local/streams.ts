// Local stand-in for DynamoDB Streams event source mappings: polls a table's stream on
// DynamoDB Local and hands batches to the same handler Lambda would receive them in.
//
// DynamoDB Local numbers stream records with one counter for all tables, so an iterator
// at a shard's trim horizon reads as "trimmed" once another table has been written to.
// The poller therefore reads from LATEST and, whenever it (re)starts a shard without a
// position, first catches up by scanning the table and handing every item over as an
// INSERT. Handlers fed this way must be idempotent per item (the outbox sender is: a
// message is delivered to a file named by its id), and nothing written is missed.
import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../functions/shared/logger';
import { localClient } from './dynamo';

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures?: { itemIdentifier: string }[] } | void>;

export function pollStream(endpoint: string, tableName: string, handler: StreamHandler, intervalMs = 150): () => Promise<void> {
  const ddb = localClient(endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string>(); // shardId -> iterator
  const lastSeen = new Map<string, string>(); // shardId -> last sequence number handled
  const finished = new Set<string>();
  let running = true;
  let streamArn: string | undefined;

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
      const Records = (page.Items ?? []).map((NewImage, i) => ({ eventName: 'INSERT', dynamodb: { NewImage, SequenceNumber: `catch-up-${i}` } }));
      if (Records.length) await handler({ Records } as unknown as DynamoDBStreamEvent);
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
        const result = await handler({ Records: Records as unknown as DynamoDBStreamEvent['Records'] });
        const failures = result && 'batchItemFailures' in result ? result.batchItemFailures ?? [] : [];
        if (failures.length) {
          // Like an event source mapping with bisect-on-error: retry from the first failure.
          logger.warn('stream batch had failures', { tableName, failures: failures.length });
          const firstFailed = Records.findIndex((r) => failures.some((f) => f.itemIdentifier === r.dynamodb?.SequenceNumber));
          if (firstFailed > 0) lastSeen.set(shardId, Records[firstFailed - 1].dynamodb!.SequenceNumber!);
          iterators.delete(shardId);
          continue;
        }
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
