// The small KMS caller (functions/shared/kms.ts) against the SDK client it stands in for
// (@aws-sdk/client-kms, kept for this test only): the same two calls on the wire (JSON
// 1.1, target, body, signed for KMS in the Region), the same answers read, and the same
// error answers thrown the same way (name, message, $fault, status, request id) after the
// same number of attempts, on a stand-in KMS on loopback that answers both alike.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { type IncomingHttpHeaders, type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kmsClient } from '../../functions/shared/kms';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

let seen: Seen[] = [];
/** What the stand-in answers, in turn; the last one again when they run out. */
let answers: Answer[] = [];
const read = (req: IncomingMessage) =>
  new Promise<string>((done) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => done(text));
  });
const server = createServer(async (req, res) => {
  const text = await read(req);
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: JSON.parse(text) });
  const answer = answers.length > 1 ? answers.shift()! : answers[0];
  res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1', ...answer.headers }).end(answer.body);
});

const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' };
let sdk: KMSClient;
let ours: ReturnType<typeof kmsClient>;
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sdk = new KMSClient({ region: 'eu-west-1', endpoint, credentials });
  ours = kmsClient({ region: 'eu-west-1', endpoint, credentials });
});
afterAll(async () => {
  sdk.destroy();
  await new Promise<void>((done) => server.close(() => done()));
});
beforeEach(() => {
  seen = [];
});

const keyId = 'alias/docket-confidential';
const context = { docket: 'hearing-request', requestId: '01HZX' };
const plain = Buffer.alloc(32, 7);
const wrapped = Buffer.from('wrapped data key, as KMS returns it');

/** What must be the same in two requests: everything but the SDK's own headers (user agent, invocation id) and the signature's time. */
const wire = (s: Seen) => {
  const auth = String(s.headers.authorization);
  const signed = /SignedHeaders=([^,]+)/.exec(auth)![1].split(';');
  return {
    method: s.method,
    url: s.url,
    contentType: s.headers['content-type'],
    target: s.headers['x-amz-target'],
    token: s.headers['x-amz-security-token'],
    body: s.body,
    scope: /Credential=AKID\/\d{8}\/([^,]+),/.exec(auth)![1],
    signed: signed.filter((h) => !h.startsWith('amz-sdk-') && h !== 'x-amz-user-agent'),
  };
};

describe('KMS calls', () => {
  it("are the SDK's on the wire, and their answers read alike", async () => {
    answers = [{ status: 200, body: JSON.stringify({ KeyId: 'arn:aws:kms:eu-west-1:1:key/k', Plaintext: plain.toString('base64'), CiphertextBlob: wrapped.toString('base64') }) }];
    const fromSdk = await sdk.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    const fromOurs = await ours.generateDataKey(keyId, context);
    expect(Buffer.from(fromSdk.Plaintext!)).toEqual(fromOurs.plaintext);
    expect(Buffer.from(fromSdk.CiphertextBlob!)).toEqual(fromOurs.ciphertext);
    expect(fromOurs.plaintext).toEqual(plain);

    answers = [{ status: 200, body: JSON.stringify({ KeyId: 'arn:aws:kms:eu-west-1:1:key/k', Plaintext: plain.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }) }];
    const opened = await sdk.send(new DecryptCommand({ CiphertextBlob: wrapped, EncryptionContext: context, KeyId: keyId }));
    expect(Buffer.from(opened.Plaintext!)).toEqual(await ours.decrypt(wrapped, context, keyId));

    expect(seen).toHaveLength(4);
    const [sdkGenerate, oursGenerate, sdkDecrypt, oursDecrypt] = seen.map(wire);
    expect(oursGenerate).toEqual(sdkGenerate);
    expect(oursDecrypt).toEqual(sdkDecrypt);
    expect(oursDecrypt).toMatchObject({ method: 'POST', url: '/', target: 'TrentService.Decrypt', contentType: 'application/x-amz-json-1.1', scope: 'eu-west-1/kms/aws4_request' });
    expect(oursDecrypt.signed).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']));
  });

  const errors: [string, Answer][] = [
    ['a refusal by its __type', { status: 400, body: JSON.stringify({ __type: 'InvalidCiphertextException', message: 'context mismatch' }) }],
    ['a namespaced __type and Message', { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.kms#NotFoundException', Message: 'no such key' }) }],
    ['a code in the header only', { status: 400, body: '{}', headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/' } }],
    ['a throttle, tried again', { status: 400, body: JSON.stringify({ __type: 'ThrottlingException', message: 'slow down' }) }],
    ['a KMS failure (500), tried again', { status: 500, body: JSON.stringify({ __type: 'KMSInternalException', message: 'internal' }) }],
    ['a disabled key', { status: 400, body: JSON.stringify({ __type: 'DisabledException', message: 'disabled' }) }],
  ];
  for (const [what, answer] of errors) {
    it(`fail as the SDK's do on ${what}`, async () => {
      answers = [answer];
      const thrown = async (p: Promise<unknown>) => {
        const error = (await p.then(() => undefined, (e: unknown) => e)) as Error & { $fault: string; $metadata: { httpStatusCode: number; requestId?: string; attempts?: number } };
        expect(error).toBeInstanceOf(Error);
        return { name: error.name, message: error.message, fault: error.$fault, status: error.$metadata.httpStatusCode, requestId: error.$metadata.requestId };
      };
      const fromSdk = await thrown(sdk.send(new DecryptCommand({ CiphertextBlob: wrapped, EncryptionContext: context, KeyId: keyId })));
      const sdkCalls = seen.length;
      seen = [];
      const fromOurs = await thrown(ours.decrypt(wrapped, context, keyId));
      expect(fromOurs).toEqual(fromSdk);
      expect(seen.length).toBe(sdkCalls);
      expect(sdkCalls).toBe(what.endsWith('tried again') ? 3 : 1);
    });
  }
});
