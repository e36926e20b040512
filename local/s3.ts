// The S3 stand-in (issue 15): s3rver, a maintained S3-compatible server, keeps the
// documents bucket in the run's data directory. Two things it lacks are added here, each
// as S3 does it:
// - Signature V4: s3rver accepts any V4 signature, so a link bound to a Content-Type and
//   Content-Length would bind nothing. A small front verifies the query signature of
//   every pre-signed request (canonical request, string to sign, signing key, as in the
//   SigV4 specification) and its expiry, and the Authorization header's signature of
//   every other request (the functions' own calls, shared/s3.ts), and answers S3's own
//   403 SignatureDoesNotMatch / AccessDenied; then it passes the request on unchanged.
// - Event notifications: s3rver emits an event per object created; each one invokes the
//   stack's S3-triggered function (the manifest's `objectCreated`) through its own
//   isolated Lambda pool, as S3 would invoke it.
// What stays unlike AWS: GuardDuty Malware Protection does not run (the check function
// records the scan as clean with MALWARE_SCAN=stub and logs that it did); bucket policies,
// encryption at rest and IAM grants on S3 are not enforced (the infra tests assert them).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { BucketDef } from '../functions/hearings/bucket';
import { logger } from '../functions/shared/logger';
import { listenOn } from './dynamo';
import type { FunctionPool } from './lambda';

/** s3rver's one account. */
export const LOCAL_S3_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  /** What functions and browsers use: the verifying front. */
  endpoint: string;
  /** The physical name of each bucket, by its id. */
  bucketNames: Record<string, string>;
  /** S3 event notifications of `bucket` invoke `pool` (S3 → Lambda). */
  notify(bucket: BucketDef, pool: FunctionPool): void;
  /** Resolves once every notification sent so far has been handled (tests). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const localBucketName = (bucket: BucketDef) => `docket-${bucket.id}`;

const corsXml = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <MaxAgeSeconds>300</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** Parses X-Amz-Date (yyyyMMddTHHmmssZ). */
const amzDate = (v: string) => new Date(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}Z`);

/** The canonical query: every parameter but the signature, RFC 3986-encoded and sorted. */
const canonicalQuery = (q: URLSearchParams) =>
  [...q.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

/** Whether `provided` (hex) is the signature of the canonical request of this request, as in the SigV4 specification. */
function signatureHolds(p: { method: string; url: URL; headers: IncomingMessage['headers']; signed: string[]; payloadHash: string; date: string; credential: string[]; provided: string }): boolean {
  const canonicalHeaders = p.signed.map((h) => `${h}:${String(p.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  // S3 does not normalise the path: the encoded path as sent.
  const canonical = [p.method, p.url.pathname, canonicalQuery(p.url.searchParams), canonicalHeaders, p.signed.join(';'), p.payloadHash].join('\n');
  const [, day, region, service] = p.credential;
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', p.date, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${LOCAL_S3_KEY.secretAccessKey}`, day), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(toSign, 'utf8').digest();
  const given = Buffer.from(p.provided, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const mismatch = { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };

/**
 * Why a pre-signed request is refused, or undefined if its signature holds: the
 * signature covers the method, path, query and every header named in X-Amz-SignedHeaders
 * with the value this request carries (so another Content-Type or Content-Length fails).
 */
export function presignedRefusal(method: string, rawUrl: string, headers: IncomingMessage['headers'], now = new Date()): { code: string; message: string } | undefined {
  const url = new URL(rawUrl, 'http://local');
  const q = url.searchParams;
  const provided = q.get('X-Amz-Signature') ?? '';
  const credential = (q.get('X-Amz-Credential') ?? '').split('/');
  const date = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  const signed = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  if (credential.length !== 5 || credential[0] !== LOCAL_S3_KEY.accessKeyId || !date || !signed.includes('host')) {
    return { code: 'AuthorizationQueryParametersError', message: 'Malformed pre-signed request.' };
  }
  if (now.getTime() > amzDate(date).getTime() + expires * 1000) return { code: 'AccessDenied', message: 'Request has expired' };
  const payloadHash = q.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  return signatureHolds({ method, url, headers, signed, payloadHash, date, credential, provided }) ? undefined : mismatch;
}

/**
 * Why a request signed in its Authorization header (the functions' own calls, the SDK's)
 * is refused, or undefined if its signature holds: the same canonical request, with the
 * payload hash the request declares (x-amz-content-sha256), and S3's 15 minutes of clock skew.
 */
export function headerSignedRefusal(method: string, rawUrl: string, headers: IncomingMessage['headers'], now = new Date()): { code: string; message: string } | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(String(headers.authorization ?? ''));
  const date = String(headers['x-amz-date'] ?? '');
  const credential = (auth?.[1] ?? '').split('/');
  const signed = (auth?.[2] ?? '').split(';').filter(Boolean);
  if (!auth || credential.length !== 5 || !date || !signed.includes('host') || !signed.includes('x-amz-date')) {
    return { code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
  }
  if (credential[0] !== LOCAL_S3_KEY.accessKeyId) return { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (Math.abs(now.getTime() - amzDate(date).getTime()) > 15 * 60_000) return { code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  const payloadHash = headers['x-amz-content-sha256'];
  if (typeof payloadHash !== 'string') return { code: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
  const url = new URL(rawUrl, 'http://local');
  return signatureHolds({ method, url, headers, signed, payloadHash, date, credential, provided: auth[3] }) ? undefined : mismatch;
}

const s3Error = (res: ServerResponse, status: number, code: string, message: string, origin?: string) => {
  res.writeHead(status, { 'content-type': 'application/xml', ...(origin ? { 'access-control-allow-origin': origin } : {}) });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
};

export async function startLocalS3(options: { dataDir: string; siteOrigin: string; buckets: readonly BucketDef[] }): Promise<LocalS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(options.dataDir, 's3'),
    vhostBuckets: false,
    configureBuckets: options.buckets.map((b) => ({ name: localBucketName(b), configs: [corsXml(options.siteOrigin)] })),
  });
  const { port: innerPort } = (await server.run()) as { port: number };

  const front = createServer((req, res) => {
    const method = req.method ?? 'GET';
    // A private bucket: a request signed neither in its query nor its headers is anonymous, refused.
    if (method !== 'OPTIONS' && !req.headers.authorization && !(req.url ?? '').includes('X-Amz-Signature=')) {
      req.resume();
      return s3Error(res, 403, 'AccessDenied', 'Access Denied');
    }
    if (method !== 'OPTIONS') {
      const refusal = req.headers.authorization ? headerSignedRefusal(method, req.url ?? '/', req.headers) : presignedRefusal(method, req.url ?? '/', req.headers);
      if (refusal) {
        req.resume();
        return s3Error(res, 403, refusal.code, refusal.message, options.siteOrigin === req.headers.origin ? options.siteOrigin : undefined);
      }
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: innerPort, method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => s3Error(res, 503, 'ServiceUnavailable', 'The local S3 server is not answering.'));
    req.pipe(upstream);
  });
  const port = await listenOn(front);

  const inFlight = new Set<Promise<unknown>>();
  const listeners: ((event: unknown) => void)[] = [];
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucketNames: Object.fromEntries(options.buckets.map((b) => [b.id, localBucketName(b)])),
    notify(bucket, pool) {
      const listener = (event: unknown) => {
        const records = (event as { Records?: { eventName?: string; s3?: { bucket?: { name?: string } } }[] }).Records ?? [];
        if (!records.some((r) => r.eventName?.startsWith('ObjectCreated:') && r.s3?.bucket?.name === localBucketName(bucket))) return;
        // S3 invokes asynchronously: the uploader's PUT has its answer already.
        const run = pool.invoke(event).then((outcome) => {
          if (outcome.kind === 'error') logger.error('S3-triggered function failed', { function: pool.fn.name, errorType: outcome.errorType });
        });
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      };
      listeners.push(listener);
      server.on('event', listener);
    },
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    async stop() {
      for (const l of listeners) server.off('event', l);
      await Promise.all([...inFlight]);
      await new Promise<void>((done) => {
        front.close(() => done());
        front.closeAllConnections();
      });
      await server.close();
    },
  };
}
