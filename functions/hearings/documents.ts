// Supporting documents of a hearing request (issue 15): what may be attached, and the
// status a document has, derived from the two checks it goes through after its upload:
// the type and size read from its content (document-check.ts) and the malware scan
// (GuardDuty Malware Protection for S3 in AWS; stubbed as clean by the local runtime).
// Pure: no I/O here.
import * as z from 'zod/mini';
import { rule } from '../shared/validation';
import './documents-messages';
import { lazySchema } from '../shared/lazy';

/** The IACHR form accepts up to two supporting files. */
export const MAX_DOCUMENTS = 2;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The accepted types, by the MIME type file-type reports from the content. */
export const DOCUMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'image/jpeg',
  'image/png',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Request statuses in which the applicant may still attach a document. */
export const ATTACHABLE_STATUSES = ['draft', 'submitted', 'info_requested'] as const;

/** A name, never a path: no separators or control characters, at most 200 characters. */
const fileName = lazySchema(() => z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(200),
  z.refine((v) => !/[\\/\u0000-\u001f\u007f]/.test(v), { message: rule('rule.document.fileName') }),
));

export const NewDocumentBody = lazySchema(() => z.object({
  fileName,
  contentType: z.string().check(z.refine((v) => (DOCUMENT_TYPES as readonly string[]).includes(v), { message: rule('rule.document.type') })),
  size: z.number().check(z.int(), z.minimum(1), z.refine((v) => v <= MAX_DOCUMENT_BYTES, { message: rule('rule.document.size', { max: '10 MB' }) })),
}));
export type NewDocumentBody = z.infer<typeof NewDocumentBody>;

/** What the content check found: the type read from the first bytes and the stored size. */
export interface TypeCheck {
  ok: boolean;
  /** Why it failed: 'type' (content is not the declared accepted type) or 'size'. */
  reason?: 'type' | 'size';
  detected?: string;
}

/** GuardDuty's scan result for the object (or 'clean' from the local stub). */
export type ScanResult = 'clean' | 'threats' | 'unsupported' | 'failed';

/** A stored document: the declared fields, where its bytes are, and the two checks. */
export interface StoredDocument {
  id: string;
  requestId: string;
  fileName: string;
  contentType: DocumentType;
  size: number;
  createdAt: string;
  objectKey: string;
  typeCheck?: TypeCheck;
  scan?: ScanResult;
}

export type DocumentStatus = 'pending' | 'available' | 'rejected';
export type RejectionReason = 'type' | 'size' | 'malware' | 'scan';

/** Usable only once its content matched its type and size and the scan found it clean. */
export function statusOf(d: Pick<StoredDocument, 'typeCheck' | 'scan'>): { status: DocumentStatus; reason?: RejectionReason } {
  if (d.typeCheck && !d.typeCheck.ok) return { status: 'rejected', reason: d.typeCheck.reason ?? 'type' };
  if (d.scan === 'threats') return { status: 'rejected', reason: 'malware' };
  if (d.scan === 'unsupported' || d.scan === 'failed') return { status: 'rejected', reason: 'scan' };
  if (d.typeCheck?.ok && d.scan === 'clean') return { status: 'available' };
  return { status: 'pending' };
}

/** The content check: the type file-type read from the bytes, and the size S3 stored. */
export function checkContent(declared: Pick<StoredDocument, 'contentType' | 'size'>, detected: string | undefined, storedSize: number): TypeCheck {
  if (storedSize > MAX_DOCUMENT_BYTES || storedSize !== declared.size) return { ok: false, reason: 'size', detected };
  if (!detected || detected !== declared.contentType) return { ok: false, reason: 'type', detected };
  return { ok: true, detected };
}

/** Where a document's bytes live: under its request, named by ids only (no file names). */
export const objectKeyOf = (requestId: string, documentId: string) => `requests/${requestId}/${documentId}`;
export const requestPrefix = (requestId: string) => `requests/${requestId}/`;

/** The ids in an object key, or undefined for a key that is not a document's. */
export function idsOfObjectKey(key: string): { requestId: string; documentId: string } | undefined {
  const match = /^requests\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match ? { requestId: match[1], documentId: match[2] } : undefined;
}

/** Content-Disposition of a download: the original name, safely quoted (RFC 6266). */
export function attachmentOf(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
