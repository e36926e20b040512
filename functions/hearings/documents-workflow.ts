// The use cases of supporting documents: who may attach, list and download, and the
// links that carry the bytes (the bytes never pass through a function).
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import { type NewDocumentBody, type StoredDocument, MAX_DOCUMENTS, attachmentOf, objectKeyOf, statusOf } from './documents';
import { downloadLink, uploadLink } from './documents-bucket';
import type { DocumentView } from './documents-routes';
import { attachDocument, findDocument, listDocuments } from './documents-store';
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
