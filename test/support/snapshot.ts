// Every item of every table, to show that a call changed nothing: a snapshot before and
// after, compared item by item. Only meaningful on a DynamoDB Local no other test file
// writes to (the authorization matrix starts its own).
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '../../functions/manifest';
import { localClient } from '../../local/dynamo';
import { localTableName } from '../../local/tables';

/** table/key → the item, as canonical JSON (attributes sorted, so order never shows as a change). */
export type Snapshot = Map<string, string>;

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object' && !(value instanceof Uint8Array)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
      : value instanceof Uint8Array
        ? Buffer.from(value).toString('base64')
        : value;

export async function snapshot(endpoint: string): Promise<Snapshot> {
  const client = localClient(endpoint);
  try {
    const parts = await Promise.all(
      tables.map(async (table) => {
        const items: [string, string][] = [];
        let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
        do {
          const page = await client.send(new ScanCommand({ TableName: localTableName(table), ExclusiveStartKey }));
          for (const item of page.Items ?? []) {
            const key = [table.partitionKey, table.sortKey].filter((k): k is string => !!k).map((k) => JSON.stringify(item[k]));
            items.push([`${table.id} ${key.join(' ')}`, JSON.stringify(canonical(item))]);
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return items;
      }),
    );
    return new Map(parts.flat());
  } finally {
    client.destroy();
  }
}

/** What differs between two snapshots, one line per item ("+" added, "-" removed, "~" changed). */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [key, item] of after) {
    if (!before.has(key)) out.push(`+ ${key}`);
    else if (before.get(key) !== item) out.push(`~ ${key}`);
  }
  for (const key of before.keys()) if (!after.has(key)) out.push(`- ${key}`);
  return out;
}
