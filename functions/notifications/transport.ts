// Where messages go: SES in AWS; .eml files in MAIL_DIR locally (the local runtime sets
// it). Chosen once at cold start from the configuration.
//
// Locally every delivery is its own file, `<id>.<n>.eml` with n = 1, 2, …, never an
// overwrite: a message sent twice shows as two deliveries (GET /api/dev/outbox counts
// them), as it would be two mails in someone's inbox.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { optional, readConfig, required } from '../shared/config';

const config = readConfig({
  MAIL_FROM: required(3),
  MAIL_DIR: optional(),
});

let ses: SESv2Client | undefined;

export const mailFrom = config.MAIL_FROM;

/** Test-only fault hook of the local transport: a file here named after a message's ref
 * makes its next delivery fail once (the file is removed). Never consulted with SES. */
export const FAULTS_DIR = '.fail-once';

export class TransportFault extends Error {
  override readonly name = 'TransportFault';
}

/** Sends one raw message; locally `id` names the delivery files. */
export async function deliver(id: string, raw: string, ref?: string): Promise<void> {
  if (config.MAIL_DIR) return deliverLocally(config.MAIL_DIR, id, raw, ref);
  ses ??= new SESv2Client({});
  await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw, 'utf8') } } }));
}

async function deliverLocally(dir: string, id: string, raw: string, ref: string | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (ref) {
    const fault = join(dir, FAULTS_DIR, encodeURIComponent(ref));
    const injected = await rm(fault).then(
      () => true,
      () => false,
    );
    if (injected) throw new TransportFault('injected delivery fault');
  }
  // Exclusive create: the first free number, even with two senders at once.
  for (let n = 1; ; n++) {
    try {
      await writeFile(join(dir, `${id}.${n}.eml`), raw, { encoding: 'utf8', flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
