// Where messages go: SES in AWS; .eml files in MAIL_DIR locally (the local runtime sets
// it). Chosen once at cold start from the configuration.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod/mini';
import { readConfig } from '../shared/config';

const config = readConfig({
  MAIL_FROM: z.string().check(z.minLength(3)),
  MAIL_DIR: z.optional(z.string()),
});

let ses: SESv2Client | undefined;

export const mailFrom = config.MAIL_FROM;

/** Sends one raw message; `id` names the local file so a redelivery overwrites it. */
export async function deliver(id: string, raw: string): Promise<void> {
  if (config.MAIL_DIR) {
    await mkdir(config.MAIL_DIR, { recursive: true });
    await writeFile(join(config.MAIL_DIR, `${id}.eml`), raw, 'utf8');
    return;
  }
  ses ??= new SESv2Client({});
  await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw, 'utf8') } } }));
}
