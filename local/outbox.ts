// The local mail drop: notification messages written as .eml files under the data
// directory (in AWS they go through SES). GET /api/dev/outbox lists them.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  file: string;
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

export function listOutbox(dir: string): OutboxMessage[] {
  mkdirSync(dir, { recursive: true });
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
      const head = raw.slice(0, split);
      const body = raw.slice(split).trim();
      const base64 = /content-transfer-encoding:\s*base64/i.test(head);
      // A multipart message (attachments): show its text/plain part, decoded.
      const part = /Content-Type: text\/plain; charset=UTF-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/i.exec(body);
      const text = part ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') : base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
      return {
        file,
        to: header(head, 'To') ?? '',
        subject: decodeWords(header(head, 'Subject') ?? ''),
        language: header(head, 'Content-Language'),
        date: header(head, 'Date'),
        text,
        attachments: [...body.matchAll(/Content-Disposition: attachment; filename="([^"]+)"/gi)].map((m) => m[1]),
      };
    });
}
