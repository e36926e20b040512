// The only module that speaks S3 for supporting documents: pre-signed uploads bound to
// the declared type and size, short-lived download links, the first bytes for the type
// check, and removal. The bucket is private; every access goes through these.
// Locally S3_ENDPOINT names the S3-compatible server the runtime starts (local/s3.ts).
import { optional, readConfig, required } from '../shared/config';
import { S3Error, s3Bucket, xmlValues } from '../shared/s3';

const config = readConfig({
  DOCUMENTS_BUCKET: required(1),
  /** Local runtime only: the S3-compatible server (path-style addressing). */
  S3_ENDPOINT: optional(),
});

/** An upload link lives five minutes; a download link one. */
export const UPLOAD_SECONDS = 300;
export const DOWNLOAD_SECONDS = 60;

// A small caller rather than @aws-sdk/client-s3 (shared/s3.ts says why). No checksum of
// an empty body is signed into the upload link: the browser sends the file.
const s3 = s3Bucket({
  bucket: config.DOCUMENTS_BUCKET,
  ...(config.S3_ENDPOINT
    ? // s3rver knows one account (S3RVER); the local front verifies signatures (local/s3.ts).
      { endpoint: config.S3_ENDPOINT, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
    : {}),
});

export interface Upload {
  url: string;
  method: 'PUT';
  /** Headers the upload must carry, as signed; Content-Length (the declared size) is signed too. */
  headers: Record<string, string>;
}

/** A PUT link whose signature covers Content-Type and Content-Length: another type or size is refused by S3. */
export async function uploadLink(objectKey: string, contentType: string, size: number): Promise<Upload> {
  const url = await s3.presign('PUT', objectKey, {
    operation: 'PutObject',
    expiresIn: UPLOAD_SECONDS,
    headers: { 'content-type': contentType, 'content-length': String(size) },
    signed: ['content-type', 'content-length'],
  });
  return { url, method: 'PUT', headers: { 'Content-Type': contentType } };
}

/** A GET link that saves the file under its original name with its declared type. */
export async function downloadLink(objectKey: string, contentType: string, disposition: string): Promise<string> {
  return s3.presign('GET', objectKey, {
    operation: 'GetObject',
    expiresIn: DOWNLOAD_SECONDS,
    query: { 'response-content-disposition': disposition, 'response-content-type': contentType },
  });
}

/** The stored size and the first `bytes` of an object (what the type check reads). */
export async function headOf(objectKey: string, bytes: number): Promise<{ size: number; head: Uint8Array } | undefined> {
  try {
    const meta = await s3.send('HEAD', objectKey);
    const size = Number(meta.headers['content-length'] ?? 0);
    if (size === 0) return { size, head: new Uint8Array() };
    const object = await s3.send('GET', objectKey, { operation: 'GetObject', headers: { range: `bytes=0-${Math.min(size, bytes) - 1}` } });
    return { size, head: object.body };
  } catch (error) {
    if (error instanceof S3Error && (error.code === 'NotFound' || error.code === 'NoSuchKey')) return undefined;
    throw error;
  }
}

export async function removeObject(objectKey: string): Promise<void> {
  await s3.send('DELETE', objectKey, { operation: 'DeleteObject' });
}

/** Removes every object under `prefix` (a request's documents); returns how many. */
export async function removePrefix(prefix: string): Promise<number> {
  let removed = 0;
  let token: string | undefined;
  do {
    const page = Buffer.from((await s3.send('GET', undefined, { query: { 'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}) } })).body).toString('utf8');
    // A request holds at most two documents: one DeleteObject each is plenty.
    for (const key of xmlValues(page, 'Key')) {
      await removeObject(key);
      removed++;
    }
    token = xmlValues(page, 'IsTruncated')[0] === 'true' ? xmlValues(page, 'NextContinuationToken')[0] : undefined;
  } while (token);
  return removed;
}
