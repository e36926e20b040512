// The check every uploaded document goes through (event function). S3 invokes it when an
// object is created: it reads the stored size and the first bytes, tells the type from
// the content (file-type), never from the name or the declared type, and records the
// result. GuardDuty Malware Protection for S3 scans the same object and an EventBridge
// rule brings its result here too; the document is available only once both say yes
// (documents.ts statusOf). The local runtime has no GuardDuty: with MALWARE_SCAN=stub
// the scan is recorded as clean at once, and the log says so.
import * as z from 'zod/mini';
import { oneOf, readConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { type ScanResult, checkContent, idsOfObjectKey, statusOf } from './documents';
import { headOf, removeObject } from './documents-bucket';
import { findDocument, recordCheck } from './documents-store';
import { lazySchema } from '../shared/lazy';

const config = readConfig({ MALWARE_SCAN: oneOf(['guardduty', 'stub'], 'guardduty') });

/** Enough of the file for file-type to see a DOCX's or ODT's first zip entries. */
const HEAD_BYTES = 64 * 1024;

const S3Record = lazySchema(() => z.object({ s3: z.object({ object: z.object({ key: z.string() }) }) }));
/** An S3 event notification (the local runtime's s3rver sends these). */
const S3Event = lazySchema(() => z.object({ Records: z.array(S3Record) }));
/** The same through EventBridge (the stack: lib/documents.ts); its key is not URL-encoded. */
const ObjectCreated = lazySchema(() => z.object({ 'detail-type': z.literal('Object Created'), detail: z.object({ object: z.object({ key: z.string() }) }) }));
const ScanEvent = lazySchema(() => z.object({
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  detail: z.object({ s3ObjectDetails: z.object({ objectKey: z.string() }), scanResultDetails: z.object({ scanResultStatus: z.string() }) }),
}));

const SCAN_RESULTS: Record<string, ScanResult> = { NO_THREATS_FOUND: 'clean', THREATS_FOUND: 'threats', UNSUPPORTED: 'unsupported', ACCESS_DENIED: 'failed', FAILED: 'failed' };

/** S3 event keys are URL-encoded with '+' for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

async function checkUpload(objectKey: string) {
  const ids = idsOfObjectKey(objectKey);
  if (!ids) return logger.warn('object outside the documents layout ignored');
  const doc = await findDocument(ids.requestId, ids.documentId);
  const stored = await headOf(objectKey, HEAD_BYTES);
  if (!doc) {
    // An upload for a document that no longer exists (its request was purged): nothing may keep it.
    if (stored) await removeObject(objectKey);
    return logger.info('orphan upload removed', ids);
  }
  if (!stored) return logger.warn('document object missing at check', ids);
  // file-type (with its tokenizer and inflate modules, some 70 KB of bundle) is loaded on
  // the first upload checked: the scan-result events this function also takes never need it.
  const { fileTypeFromBuffer } = await import('./file-type');
  const detected = (await fileTypeFromBuffer(stored.head))?.mime;
  const typeCheck = checkContent(doc, detected, stored.size);
  let now = await recordCheck(ids.requestId, ids.documentId, { typeCheck });
  if (config.MALWARE_SCAN === 'stub') {
    logger.info('malware scan stubbed as clean: the local runtime has no GuardDuty Malware Protection', ids);
    now = await recordCheck(ids.requestId, ids.documentId, { scan: 'clean' });
  }
  await settle(objectKey, now, ids);
  // The detected type is a MIME type, never content; the declared one was the client's.
  logger.info('document checked', { ...ids, ok: typeCheck.ok, reason: typeCheck.reason, detected, size: stored.size });
}

async function recordScan(objectKey: string, status: string) {
  const ids = idsOfObjectKey(objectKey);
  if (!ids) return;
  const scan = SCAN_RESULTS[status] ?? 'failed';
  const now = await recordCheck(ids.requestId, ids.documentId, { scan });
  await settle(objectKey, now, ids);
  logger.info('document scanned', { ...ids, scan });
}

/** A rejected document's bytes are not kept. */
async function settle(objectKey: string, doc: Parameters<typeof statusOf>[0] | undefined, ids: { requestId: string; documentId: string }) {
  if (doc && statusOf(doc).status === 'rejected') {
    await removeObject(objectKey);
    logger.info('rejected document removed', ids);
  }
}

export async function handler(event: unknown): Promise<void> {
  const scan = ScanEvent.safeParse(event);
  if (scan.success) return recordScan(scan.data.detail.s3ObjectDetails.objectKey, scan.data.detail.scanResultDetails.scanResultStatus);
  const created = ObjectCreated.safeParse(event);
  if (created.success) return checkUpload(created.data.detail.object.key);
  const s3 = S3Event.safeParse(event);
  if (!s3.success) return logger.warn('document check: event of unknown shape ignored');
  for (const record of s3.data.Records) await checkUpload(decodeKey(record.s3.object.key));
}
