// The use cases of supporting documents: who may attach, list and download, and the
// links that carry the bytes (the bytes never pass through a function).
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import { type NewDocumentBody, type StoredDocument, MAX_DOCUMENTS, attachmentOf, objectKeyOf, statusOf } from './documents';
import { downloadLink, removeObject, uploadLink } from './documents-bucket';
import type { DocumentView } from './documents-routes';
import { attachDocument, findDocument, listDocuments, removeDocument } from './documents-store';
import { seesEverything } from './request';
import { getRequest } from './store';

export const documentView = (d: StoredDocument): DocumentView => {
  const { status, reason } = statusOf(d);
  return { id: d.id, fileName: d.fileName, contentType: d.contentType, size: d.size, createdAt: d.createdAt, status, ...(reason ? { reason } : {}) };
};

async function readable(requestId: string, who: Principal) {
  const request = await getRequest(requestId);
  if (!seesEverything(request, who)) throw new Forbidden('hearing.notOwner');
  return request;
}

export async function attach(requestId: string, body: NewDocumentBody, who: Principal, now: Date) {
  const request = await getRequest(requestId);
  if (request.ownerSub !== who.sub) throw new Forbidden('hearing.notOwner');
  const id = ulid(now.getTime());
  const doc: StoredDocument = {
    id,
    requestId,
    fileName: body.fileName,
    contentType: body.contentType as StoredDocument['contentType'],
    size: body.size,
    createdAt: now.toISOString(),
    objectKey: objectKeyOf(requestId, id),
  };
  const refused = await attachDocument(doc, who.sub);
  if (refused === 'missing') throw new NotFound('hearing.notFound', { id: requestId });
  if (refused === 'notOwner') throw new Forbidden('hearing.notOwner');
  if (refused === 'held') throw new Conflict('hearing.decisionRecorded');
  if (refused === 'status') throw new Conflict('document.notAttachable');
  if (refused === 'tooMany') throw new RuleBroken('document.tooMany', { max: MAX_DOCUMENTS }, [{ path: 'documents', key: 'document.tooMany', params: { max: MAX_DOCUMENTS } }]);
  const upload = await uploadLink(doc.objectKey, doc.contentType, doc.size);
  // Ids, type and size only: the file name may name a person.
  logger.info('document attached', { requestId, documentId: id, contentType: doc.contentType, size: doc.size });
  return { document: documentView(doc), upload };
}

export async function documentsOf(requestId: string, who: Principal) {
  await readable(requestId, who);
  const items = await listDocuments(requestId);
  return { items: items.sort((a, b) => a.id.localeCompare(b.id)).map(documentView) };
}

export async function downloadOf(requestId: string, documentId: string, who: Principal) {
  await readable(requestId, who);
  const doc = await findDocument(requestId, documentId);
  if (!doc) throw new NotFound('document.notFound', { id: documentId });
  if (statusOf(doc).status !== 'available') throw new Conflict('document.notAvailable');
  logger.info('document download link', { requestId, documentId });
  return { url: await downloadLink(doc.objectKey, doc.contentType, attachmentOf(doc.fileName)) };
}

/**
 * The owner takes a document back (a wrong file, or an upload that never finished) while
 * the request still takes documents: its place is free again and its bytes are deleted.
 * The bytes go after the item: an upload still on its way then finds no document and the
 * check removes it (document-check.ts), and a removal asked again after a failed delete
 * deletes the bytes before answering 404.
 */
export async function removeOf(requestId: string, documentId: string, who: Principal) {
  const request = await getRequest(requestId);
  if (request.ownerSub !== who.sub) throw new Forbidden('hearing.notOwner');
  const removed = await removeDocument(requestId, documentId, who.sub);
  if (removed === 'noDocument') {
    await removeObject(objectKeyOf(requestId, documentId));
    throw new NotFound('document.notFound', { id: documentId });
  }
  if (removed === 'missing') throw new NotFound('hearing.notFound', { id: requestId });
  if (removed === 'notOwner') throw new Forbidden('hearing.notOwner');
  if (removed === 'held') throw new Conflict('hearing.decisionRecorded');
  if (removed === 'status') throw new Conflict('document.notRemovable');
  await removeObject(removed.objectKey);
  logger.info('document removed', { requestId, documentId });
  return { id: documentId, removed: true as const };
}
