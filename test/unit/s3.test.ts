// The small S3 caller (functions/shared/s3.ts) against the AWS SDK it stands in for:
// pre-signed links byte for byte equal to @aws-sdk/s3-request-presigner's, calls signed
// so that the local S3 front's Signature V4 check (local/s3.ts) accepts them, as it
// accepts the SDK's own, and S3's error answers thrown typed.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error, s3Bucket, xmlValues } from '../../functions/shared/s3';
import { LOCAL_S3_KEY, headerSignedRefusal } from '../../local/s3';

const date = new Date('2026-03-04T05:06:07Z');
const Bucket = 'docket-documents';
const withToken = { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN/+=' };

describe('pre-signed links', () => {
  for (const endpoint of [undefined, 'http://127.0.0.1:4567']) {
    const sdk = new S3Client({
      region: 'eu-west-1',
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      credentials: withToken,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const ours = s3Bucket({ bucket: Bucket, region: 'eu-west-1', endpoint, credentials: withToken, now: () => date });

    it(`are the SDK's, upload and download (${endpoint ? 'path style' : 'virtual-hosted'})`, async () => {
      for (const key of ['requests/01ABC/01DEF', 'requests/a b/ü+!(x)*']) {
        const put = await getSignedUrl(sdk, new PutObjectCommand({ Bucket, Key: key, ContentType: 'application/pdf', ContentLength: 1234 }), {
          expiresIn: 300,
          signableHeaders: new Set(['content-type', 'content-length']),
          signingDate: date,
        });
        expect(
          await ours.presign('PUT', key, { operation: 'PutObject', expiresIn: 300, headers: { 'content-type': 'application/pdf', 'content-length': '1234' }, signed: ['content-type', 'content-length'] }),
        ).toBe(put);
        const disposition = `attachment; filename="a b.pdf"; filename*=UTF-8''a%20b.pdf`;
        const get = await getSignedUrl(sdk, new GetObjectCommand({ Bucket, Key: key, ResponseContentType: 'application/pdf', ResponseContentDisposition: disposition }), { expiresIn: 60, signingDate: date });
        expect(await ours.presign('GET', key, { operation: 'GetObject', expiresIn: 60, query: { 'response-content-disposition': disposition, 'response-content-type': 'application/pdf' } })).toBe(get);
      }
    });
  }
});

describe('the local S3 check of header signatures', () => {
  it("accepts the SDK's own calls, and refuses one altered, signed with another secret, or too old", async () => {
    const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
    const sdk = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4567',
      forcePathStyle: true,
      credentials: LOCAL_S3_KEY,
      requestHandler: {
        handle: async (r: { method: string; path: string; query: Record<string, string>; headers: Record<string, string> }) => {
          const query = new URLSearchParams(r.query).toString();
          seen.push({ method: r.method, url: `${r.path}${query ? `?${query}` : ''}`, headers: r.headers });
          throw Object.assign(new Error('captured'), { name: 'Captured' });
        },
      } as never,
    });
    for (const command of [new HeadObjectCommand({ Bucket, Key: 'requests/a/b' }), new GetObjectCommand({ Bucket, Key: 'requests/a/b', Range: 'bytes=0-9' }), new DeleteObjectCommand({ Bucket, Key: 'requests/a/b' }), new ListObjectsV2Command({ Bucket, Prefix: 'requests/a/' })]) {
      await expect(sdk.send(command as never)).rejects.toThrow('captured');
    }
    expect(seen).toHaveLength(4);
    for (const r of seen) expect(headerSignedRefusal(r.method, r.url, r.headers)).toBeUndefined();
    const [head, get] = seen;
    expect(headerSignedRefusal('GET', head.url, head.headers)?.code).toBe('SignatureDoesNotMatch');
    expect(headerSignedRefusal(get.method, get.url, { ...get.headers, range: 'bytes=0-99' })?.code).toBe('SignatureDoesNotMatch');
    expect(headerSignedRefusal(get.method, get.url.replace('requests/a/b', 'requests/a/c'), get.headers)?.code).toBe('SignatureDoesNotMatch');
    expect(headerSignedRefusal(head.method, head.url, head.headers, new Date(Date.now() + 16 * 60_000))?.code).toBe('RequestTimeTooSkewed');
    expect(headerSignedRefusal(head.method, head.url, { ...head.headers, authorization: undefined })?.code).toBe('AuthorizationHeaderMalformed');
  });
});

describe('calls', () => {
  // A stand-in S3: checks each call's signature as the local front does, then answers
  // what `next` says; records what it was asked.
  const asked: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  let next: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end();
  const server = createServer((req, res) => {
    asked.push({ method: req.method!, url: req.url!, headers: req.headers });
    const refusal = headerSignedRefusal(req.method!, req.url!, req.headers);
    if (refusal) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      return res.end(`<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`);
    }
    next(req, res);
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const bucket = (secretAccessKey: string = LOCAL_S3_KEY.secretAccessKey) => s3Bucket({ bucket: Bucket, region: 'us-east-1', endpoint, credentials: { accessKeyId: LOCAL_S3_KEY.accessKeyId, secretAccessKey } });

  it('are signed so that the check accepts them, with the path, query and headers the SDK sends', async () => {
    asked.length = 0;
    next = (req, res) => {
      if (req.method === 'HEAD') res.writeHead(200, { 'content-length': '5' }).end();
      else if (req.url!.includes('list-type=2')) res.end('<ListBucketResult><Prefix>requests/a/</Prefix><KeyCount>2</KeyCount><Contents><Key>requests/a/x&amp;y</Key></Contents><Contents><Key>requests/a/z</Key></Contents><IsTruncated>false</IsTruncated></ListBucketResult>');
      else res.writeHead(206).end('hello');
    };
    const s3 = bucket();
    expect((await s3.send('HEAD', 'requests/a/b c')).headers['content-length']).toBe('5');
    expect(Buffer.from((await s3.send('GET', 'requests/a/b', { operation: 'GetObject', headers: { range: 'bytes=0-4' } })).body).toString()).toBe('hello');
    const list = Buffer.from((await s3.send('GET', undefined, { query: { 'list-type': '2', prefix: 'requests/a/' } })).body).toString();
    expect(xmlValues(list, 'Key')).toEqual(['requests/a/x&y', 'requests/a/z']);
    expect(asked.map((a) => `${a.method} ${a.url}`)).toEqual([
      'HEAD /docket-documents/requests/a/b%20c',
      'GET /docket-documents/requests/a/b?x-id=GetObject',
      'GET /docket-documents/?list-type=2&prefix=requests%2Fa%2F',
    ]);
    expect(asked[1].headers.range).toBe('bytes=0-4');
  });

  it("throw S3's errors typed: its code, or NotFound for a HEAD's 404; a wrong secret is refused", async () => {
    next = (req, res) => {
      if (req.method === 'HEAD') res.writeHead(404).end();
      else res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    };
    const s3 = bucket();
    await expect(s3.send('HEAD', 'requests/a/b')).rejects.toMatchObject({ name: 'NotFound', code: 'NotFound', status: 404 });
    const error = await s3.send('GET', 'requests/a/b', { operation: 'GetObject' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ name: 'NoSuchKey', status: 404, message: 'The specified key does not exist.' });
    await expect(bucket('wrong').send('DELETE', 'requests/a/b', { operation: 'DeleteObject' })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('retry a throttle or a 5xx, at most three attempts in all, and never a 4xx', async () => {
    asked.length = 0;
    let calls = 0;
    next = (_, res) => void (++calls < 3 ? res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>') : res.writeHead(204).end());
    await expect(bucket().send('DELETE', 'requests/a/b', { operation: 'DeleteObject' })).resolves.toMatchObject({ status: 204 });
    expect(calls).toBe(3);
    calls = 0;
    next = (_, res) => void (++calls, res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>'));
    await expect(bucket().send('DELETE', 'requests/a/b', { operation: 'DeleteObject' })).rejects.toMatchObject({ code: 'SlowDown', status: 503 });
    expect(calls).toBe(3);
    calls = 0;
    next = (_, res) => void (++calls, res.writeHead(400).end('<Error><Code>InvalidArgument</Code></Error>'));
    await expect(bucket().send('DELETE', 'requests/a/b', { operation: 'DeleteObject' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(calls).toBe(1);
  });
});
