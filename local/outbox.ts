// The local mail drop: notification messages written as .eml files under the data
// directory (in AWS they go through SES), one file per delivery: `<id>.<n>.eml` (older
// data directories may hold `<id>.eml`, counted as one delivery). GET /api/dev/outbox
// lists each message once with how many times it was delivered, so a duplicate shows.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  id: string;
  /** The first delivery's file. */
  file: string;
  /** How many times the message was delivered: more than 1 is a duplicate mail. */
  deliveries: number;
  to: string;
  subject: string;
  language?: string;
  date?: string;
  text: string;
  attachments?: string[];
}

function header(raw: string, name: string): string | undefined {
  const match = raw.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi'));
  return match?.[1]?.trim();
}

const decodeWords = (value: string) =>
  value.replace(/=\?utf-8\?B\?([^?]+)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

const deliveryFile = /^([^.]+)(?:\.(\d+))?\.eml$/;

/** Every delivery file, grouped by message id, in id (time) order. */
function deliveries(dir: string): Map<string, string[]> {
  mkdirSync(dir, { recursive: true });
  const byId = new Map<string, string[]>();
  const files = readdirSync(dir)
    .map((file) => ({ file, match: deliveryFile.exec(file) }))
    .filter((f) => f.match)
    .sort((a, b) => a.match![1].localeCompare(b.match![1]) || Number(a.match![2] ?? 1) - Number(b.match![2] ?? 1));
  for (const { file, match } of files) byId.set(match![1], [...(byId.get(match![1]) ?? []), file]);
  return byId;
}

export function listOutbox(dir: string): OutboxMessage[] {
  return [...deliveries(dir)].map(([id, files]) => {
    const file = files[0];
    const raw = readFileSync(join(dir, file), 'utf8');
    const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
    const head = raw.slice(0, split);
    const body = raw.slice(split).trim();
    const base64 = /content-transfer-encoding:\s*base64/i.test(head);
    // A multipart message (attachments): show its text/plain part, decoded.
    const part = /Content-Type: text\/plain; charset=UTF-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/i.exec(body);
    const text = part ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') : base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
    return {
      id,
      file,
      deliveries: files.length,
      to: header(head, 'To') ?? '',
      subject: decodeWords(header(head, 'Subject') ?? ''),
      language: header(head, 'Content-Language'),
      date: header(head, 'Date'),
      text,
      attachments: [...body.matchAll(/Content-Disposition: attachment; filename="([^"]+)"/gi)].map((m) => m[1]),
    };
  });
}

/** The listing GET /api/dev/outbox answers: messages, and deliveries counted. */
export function outboxListing(dir: string) {
  const items = listOutbox(dir);
  return { items, messages: items.length, deliveries: items.reduce((n, m) => n + m.deliveries, 0), duplicates: items.filter((m) => m.deliveries > 1).length };
}
