// Creates the tables the local runtime needs from the same definitions the CDK stack
// uses (functions/manifest.ts), skipping those that exist already.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDef } from '../functions/shared/table';

export const localTableName = (table: TableDef) => `docket-${table.id}`;

/** The environment variables that give each function its table names. */
export const tableEnv = (tables: readonly TableDef[]) =>
  Object.fromEntries(tables.map((t) => [t.envVar, localTableName(t)]));

export async function ensureTables(client: DynamoDBClient, tables: readonly TableDef[]): Promise<string[]> {
  const created: string[] = [];
  for (const table of tables) {
    const TableName = localTableName(table);
    try {
      await client.send(new DescribeTableCommand({ TableName }));
      // A data directory made before TTL was left off locally (see below): turn it off.
      if (table.ttlAttribute) await disableTtl(client, TableName, table.ttlAttribute);
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const names = new Set([table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])]);
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...names].filter((n): n is string => !!n).map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        GlobalSecondaryIndexes: table.indexes?.length
          ? table.indexes.map((i) => ({
              IndexName: i.name,
              KeySchema: [
                { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
                ...(i.sortKey ? [{ AttributeName: i.sortKey, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: 'ALL' as const },
            }))
          : undefined,
        StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } : undefined,
      }),
    );
    // TTL stays off locally, where it cannot be faithful: DynamoDB Local deletes by the
    // real time, while the local runtime's clock is often simulated (DOCKET_NOW in 2020,
    // the tests' 2020-2021 sessions), so a registration made "now" in 2020 expires at once
    // and vanishes under its own seat counter (the fuzz test's invariant caught it). The
    // stack turns TTL on (lib/tables.ts); the expiry instants are tested as values.
    created.push(TableName);
  }
  return created;
}

async function disableTtl(client: DynamoDBClient, TableName: string, AttributeName: string): Promise<void> {
  try {
    await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName, Enabled: false } }));
  } catch {
    // Already off: DynamoDB refuses to disable what is not enabled.
  }
}
