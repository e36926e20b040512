// The outbox pipeline through the real parts: a message written in a transaction on
// DynamoDB Local reaches the stream, the sender turns it into MIME, the local transport
// writes an .eml file, and GET /api/dev/outbox lists it decoded. The .eml is then read
// back with mailparser, a parser we did not write, so our MIME writer and our own
// reader (local/outbox.ts) cannot agree on a mistake.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail, waitForMail } from '../support/outbox';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

const addresses = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

async function put(message: Record<string, unknown>) {
  const { outboxPut } = await import('../../functions/notifications/outbox');
  const { ddb } = await import('../../functions/shared/ddb');
  await ddb.send(new TransactWriteCommand({ TransactItems: [outboxPut(message as Parameters<typeof outboxPut>[0], new Date())] }));
}

describe('outbox', () => {
  it('delivers a message written in a transaction, in its language, with attachments, as MIME another parser reads alike', async () => {
    const ref = `test-${Date.now()}`;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    const text = 'Olá! Código: ABCD2345\nInscrição confirmada — até já.';
    await put({
      to: 'someone@example.org',
      language: 'pt',
      subject: 'Confirmação de inscrição — 178º Período de Sessões',
      text,
      kind: 'test.message',
      ref,
      attachments: [{ filename: 'qr.svg', contentType: 'image/svg+xml', content: Buffer.from(svg).toString('base64') }],
    });
    const listed = await waitForMail(rt, 'the Portuguese confirmation', (m) => m.subject.includes('Confirmação'));
    expect(listed.to).toBe('someone@example.org');
    expect(listed.language).toBe('pt');

    const mail = await parseMail(rt, listed.file);
    expect(addresses(mail.to)).toEqual(['someone@example.org']);
    expect(addresses(mail.from)).toEqual(['audiencias@docket.local']);
    expect(mail.subject).toBe('Confirmação de inscrição — 178º Período de Sessões');
    expect(mail.headers.get('content-language')).toBe('pt');
    expect(mail.messageId).toMatch(/^<[0-9A-Z]{26}@docket>$/);
    expect(mail.date?.getTime()).not.toBeNaN();
    expect(mail.text?.trim()).toBe(text);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([['qr.svg', 'image/svg+xml', svg]]);
  });

  it('writes a message without attachments as a single UTF-8 text part', async () => {
    const text = 'Votre demande est reçue. Numéro : ÉÈÊ-42 ✓';
    await put({ to: 'quelqu.un@example.org', language: 'fr', subject: 'Demande reçue', text, kind: 'test.message', ref: `test-fr-${Date.now()}` });
    const listed = await waitForMail(rt, 'the French notice', (m) => m.to === 'quelqu.un@example.org');
    const mail = await parseMail(rt, listed.file);
    expect(mail.subject).toBe('Demande reçue');
    expect(mail.headers.get('content-language')).toBe('fr');
    expect((mail.headers.get('content-type') as { value: string; params: Record<string, string> }).value).toBe('text/plain');
    expect(mail.text?.trim()).toBe(text);
    expect(mail.attachments).toEqual([]);
  });
});
