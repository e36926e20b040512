// The HTTP contract of supporting documents (issue 15; README "Contract changes").
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { rule } from '../shared/validation';
import { DOCUMENT_TYPES, NewDocumentBody } from './documents';
import { lazySchema } from '../shared/lazy';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const requestId = lazySchema(() => z.string().check(z.regex(ULID, { message: rule('rule.hearing.id') })));
const byRequest = lazySchema(() => z.object({ id: requestId }));
const byDocument = lazySchema(() => z.object({ id: requestId, documentId: z.string().check(z.regex(ULID, { message: rule('rule.document.id') })) }));

export const DocumentView = lazySchema(() => z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.enum(DOCUMENT_TYPES),
  size: z.int(),
  createdAt: z.string(),
  status: z.enum(['pending', 'available', 'rejected']),
  /** Why it was rejected: type or size (read from the content), malware, or scan (not scannable). */
  reason: z.optional(z.enum(['type', 'size', 'malware', 'scan'])),
}));
export type DocumentView = z.infer<typeof DocumentView>;

const Attached = lazySchema(() => z.object({
  document: DocumentView,
  upload: z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()) }),
}));
const DocumentList = lazySchema(() => z.object({ items: z.array(DocumentView) }));
const Link = lazySchema(() => z.object({ url: z.string() }));
const Removed = lazySchema(() => z.object({ id: z.string(), removed: z.literal(true) }));

export const documentRoutes = {
  attach: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/documents',
    auth: ['applicant'],
    summary: 'Attach a supporting document (owner): answers a pre-signed upload bound to the declared type and size',
    params: byRequest,
    body: NewDocumentBody,
    rules: [
      'at most 2 documents per request (rejected ones do not count)',
      'PDF, DOCX, ODT, JPEG or PNG, at most 10 MB; the type is checked again from the uploaded content',
      'only while the request is a draft, submitted, or awaiting more information',
    ],
    responses: {
      201: { description: '{ document, upload: { url, method, headers } }: PUT the file to url with those headers within 5 minutes', schema: Attached },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown request' },
      409: { description: 'The request no longer takes documents' },
      422: { description: 'A third document, a type not accepted, or over 10 MB' },
    },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/hearing-requests/{id}/documents',
    auth: ['applicant', 'secretariat'],
    summary: "A request's documents with their status: pending (being checked), available, rejected (with the reason)",
    params: byRequest,
    responses: { 200: { description: '{ items: [document] }', schema: DocumentList }, 403: { description: 'Not the owner' }, 404: { description: 'Unknown request' } },
  }),
  download: defineRoute({
    method: 'GET',
    path: '/api/hearing-requests/{id}/documents/{documentId}',
    auth: ['applicant', 'secretariat'],
    summary: 'A short-lived (60 s) download link to an available document',
    params: byDocument,
    responses: {
      200: { description: '{ url }', schema: Link },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown request or document' },
      409: { description: 'Not available: being checked, or rejected' },
    },
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/hearing-requests/{id}/documents/{documentId}',
    auth: ['applicant'],
    summary: 'Remove a document (owner): its place is free again and its bytes are deleted',
    params: byDocument,
    rules: ['only while the request is a draft, submitted, or awaiting more information'],
    responses: {
      200: { description: '{ id, removed: true }', schema: Removed },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown request or document' },
      409: { description: 'The request no longer takes changes to its documents' },
    },
  }),
} as const;
