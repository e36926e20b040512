// Waiting for mail and reading it back. Waits are bounded by what they wait for (a
// message, or every queued message delivered); the deadline is a safety net for a
// broken pipeline on a very busy machine, not a measure of speed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { type ParsedMail, simpleParser } from 'mailparser';
import { localClient } from '../../local/dynamo';
import type { TestRuntime } from './runtime';

const SAFETY_NET_MS = 3 * 60_000;
const pause = () => new Promise((r) => setTimeout(r, 100));

/** Polls `probe` until it returns something (not undefined/false); fails past the safety net. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + SAFETY_NET_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await pause();
  }
}

export interface ListedMail {
  file: string;
  to: string;
  subject: string;
  language?: string;
  text: string;
  attachments?: string[];
}

/** The first message in this runtime's mail drop that `match` accepts, once it is there. */
export const waitForMail = (rt: TestRuntime, what: string, match: (m: ListedMail) => boolean): Promise<ListedMail> =>
  eventually(what, async () => ((await rt.call('GET', '/api/dev/outbox')).body.items as ListedMail[]).find(match));

/** Every message in the outbox table so far has been delivered to this runtime's mail drop. */
export async function outboxDrained(rt: TestRuntime): Promise<void> {
  const client = localClient(rt.ddbEndpoint);
  try {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, any> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: process.env.OUTBOX_TABLE, ProjectionExpression: 'id', ExclusiveStartKey }));
      for (const item of page.Items ?? []) if (item.id?.S) ids.push(item.id.S);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    // Each delivery is its own file, <id>.<n>.eml (local/outbox.ts; older drops <id>.eml).
    const delivered = () => new Set(existsSync(rt.outboxDir) ? readdirSync(rt.outboxDir).filter((f) => f.endsWith('.eml')).map((f) => f.split('.')[0]) : []);
    await eventually(`${ids.length} queued messages to be delivered`, async () => {
      const seen = delivered();
      return ids.every((id) => seen.has(id));
    });
  } finally {
    client.destroy();
  }
}

/** A delivered message read back with mailparser, independent of our own MIME writer. */
export const parseMail = (rt: TestRuntime, file: string): Promise<ParsedMail> => simpleParser(readFileSync(join(rt.outboxDir, file)));
