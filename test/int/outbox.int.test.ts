// The outbox pipeline through the real parts: a message written in a transaction on
// DynamoDB Local reaches the stream, the sender turns it into MIME, the local transport
// writes an .eml file, and GET /api/dev/outbox lists it decoded.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

describe('outbox', () => {
  it('delivers a message written in a transaction, in its language, with attachments', async () => {
    const { outboxPut } = await import('../../functions/notifications/outbox');
    const { ddb } = await import('../../functions/shared/ddb');
    const ref = `test-${Date.now()}`;
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          outboxPut(
            {
              to: 'someone@example.org',
              language: 'pt',
              subject: 'Confirmação de inscrição — 178º Período de Sessões',
              text: 'Olá! Código: ABCD2345',
              kind: 'test.message',
              ref,
              attachments: [{ filename: 'qr.svg', contentType: 'image/svg+xml', content: Buffer.from('<svg/>').toString('base64') }],
            },
            new Date(),
          ),
        ],
      }),
    );
    let found: { subject: string; to: string; language?: string; text: string } | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      const res = await rt.call('GET', '/api/dev/outbox');
      found = res.body.items.find((m: { subject: string }) => m.subject.includes('Confirmação'));
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toBeDefined();
    expect(found!.to).toBe('someone@example.org');
    expect(found!.language).toBe('pt');
  });
});
