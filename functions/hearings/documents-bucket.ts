// The only module that speaks S3 for supporting documents: pre-signed uploads bound to
// the declared type and size, short-lived download links, the first bytes for the type
// check, and removal. The bucket is private; every access goes through these.
// Locally S3_ENDPOINT names the S3-compatible server the runtime starts (local/s3.ts).
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { optional, readConfig, required } from '../shared/config';

const config = readConfig({
  DOCUMENTS_BUCKET: required(1),
  /** Local runtime only: the S3-compatible server (path-style addressing). */
  S3_ENDPOINT: optional(),
});

/** An upload link lives five minutes; a download link one. */
export const UPLOAD_SECONDS = 300;
export const DOWNLOAD_SECONDS = 60;

const s3 = new S3Client({
  ...(config.S3_ENDPOINT
    ? // s3rver knows one account (S3RVER) and does not verify V4 signatures (local/s3.ts says what stands in).
      { endpoint: config.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
    : {}),
  // No checksum of an empty body signed into the upload link: the browser sends the file.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const Bucket = config.DOCUMENTS_BUCKET;

export interface Upload {
  url: string;
  method: 'PUT';
  /** Headers the upload must carry, as signed; Content-Length (the declared size) is signed too. */
  headers: Record<string, string>;
}

/** A PUT link whose signature covers Content-Type and Content-Length: another type or size is refused by S3. */
export async function uploadLink(objectKey: string, contentType: string, size: number): Promise<Upload> {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: objectKey, ContentType: contentType, ContentLength: size }), {
    expiresIn: UPLOAD_SECONDS,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return { url, method: 'PUT', headers: { 'Content-Type': contentType } };
}

/** A GET link that saves the file under its original name with its declared type. */
export async function downloadLink(objectKey: string, contentType: string, disposition: string): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: objectKey, ResponseContentType: contentType, ResponseContentDisposition: disposition }), {
    expiresIn: DOWNLOAD_SECONDS,
  });
}

/** The stored size and the first `bytes` of an object (what the type check reads). */
export async function headOf(objectKey: string, bytes: number): Promise<{ size: number; head: Uint8Array } | undefined> {
  try {
    const meta = await s3.send(new HeadObjectCommand({ Bucket, Key: objectKey }));
    const size = meta.ContentLength ?? 0;
    if (size === 0) return { size, head: new Uint8Array() };
    const object = await s3.send(new GetObjectCommand({ Bucket, Key: objectKey, Range: `bytes=0-${Math.min(size, bytes) - 1}` }));
    return { size, head: await object.Body!.transformToByteArray() };
  } catch (error) {
    if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export async function removeObject(objectKey: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket, Key: objectKey }));
}

/** Removes every object under `prefix` (a request's documents); returns how many. */
export async function removePrefix(prefix: string): Promise<number> {
  let removed = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
    // A request holds at most two documents: one DeleteObject each is plenty.
    for (const o of page.Contents ?? []) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: o.Key! }));
      removed++;
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return removed;
}
