// Envelope encryption (functions/shared/envelope.ts) through KMS, as in AWS: its small
// KMS caller (shared/kms.ts; test/unit/kms.test.ts compares it with the SDK's client)
// against a stand-in KMS on loopback (AWS_ENDPOINT_URL_KMS, read as the SDK reads it)
// that wraps data keys with its own key and checks the encryption context, as KMS does.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const master = randomBytes(32);
const calls: string[] = [];
const body = (req: IncomingMessage) => new Promise<string>((done) => {
  let text = '';
  req.on('data', (c: Buffer) => (text += c.toString()));
  req.on('end', () => done(text));
});
const contextKey = (context: Record<string, string>) => JSON.stringify(Object.entries(context ?? {}).sort());
const kms = createServer(async (req, res) => {
  const target = String(req.headers['x-amz-target']).replace('TrentService.', '');
  calls.push(target);
  const input = JSON.parse(await body(req)) as { KeyId?: string; EncryptionContext: Record<string, string>; CiphertextBlob?: string };
  const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(json));
  if (target === 'GenerateDataKey') {
    const plain = randomBytes(32);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', master, iv).setAAD(Buffer.from(contextKey(input.EncryptionContext)));
    const data = Buffer.concat([c.update(plain), c.final()]);
    return answer(200, { KeyId: input.KeyId, Plaintext: plain.toString('base64'), CiphertextBlob: Buffer.concat([iv, c.getAuthTag(), data]).toString('base64') });
  }
  if (target === 'Decrypt') {
    const blob = Buffer.from(input.CiphertextBlob!, 'base64');
    try {
      const d = createDecipheriv('aes-256-gcm', master, blob.subarray(0, 12)).setAAD(Buffer.from(contextKey(input.EncryptionContext)));
      d.setAuthTag(blob.subarray(12, 28));
      return answer(200, { KeyId: input.KeyId, Plaintext: Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('base64') });
    } catch {
      return answer(400, { __type: 'InvalidCiphertextException', message: 'context mismatch' });
    }
  }
  answer(400, { __type: 'UnsupportedOperationException' });
});

beforeAll(async () => {
  await new Promise<void>((done) => kms.listen(0, '127.0.0.1', done));
  vi.stubEnv('AWS_ENDPOINT_URL_KMS', `http://127.0.0.1:${(kms.address() as AddressInfo).port}`);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('CONFIDENTIAL_KEY_ID', 'alias/docket-confidential');
  vi.stubEnv('LOCAL_KMS_KEY', undefined);
  vi.resetModules();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((done) => kms.close(() => done()));
});

describe('envelope encryption with KMS', () => {
  it('seals with a data key from KMS and opens through KMS Decrypt, bound to its context', async () => {
    const { open, seal } = await import('../../functions/shared/envelope');
    const sealed = await seal('Ana Pérez', { requestId: 'r1' });
    expect(sealed.data).not.toContain('Ana');
    expect(await open(sealed, { requestId: 'r1' })).toBe('Ana Pérez');
    await expect(open(sealed, { requestId: 'r2' })).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    expect(calls).toEqual(['GenerateDataKey', 'Decrypt', 'Decrypt']);
  });
});
