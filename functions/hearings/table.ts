// The hearings table: hearing requests, one pointer item per State concerned, and the
// idempotency records of submissions. Ids are ULIDs, so sorting on `id` is sorting by
// submission time; every list index sorts on it and is read newest first.
// Access patterns:
//   get one request                      GetItem  pk=REQ#<id>, sk=REQ
//   an owner's requests, newest first    Query    byOwner          ownerPk=OWNER#<sub>          (sk id, descending)
//   a session's requests                 Query    bySession        sessionPk=SESSION#<n>        (sk id)
//   a session's requests in one status   Query    bySessionStatus  sessionPk=SESSION#<n>, statusSk begins_with <status>#
//   all requests in one status           Query    byStatus         statusPk=STATUS#<status>     (sk id)
//   all requests (secretariat, no filter) Query   byTime           entityPk=REQ                 (sk id); one partition:
//                                                  a few thousand requests a year, far below a partition's limits
//   requests concerning one State        Query    byState          statePk=STATE#<XX> on pointer items pk=REQ#<id>, sk=STATE#<XX>,
//                                                  then BatchGet of the requests (a list attribute cannot be a key)
//   a submission's idempotency record    GetItem  pk=IDEM#<sub>#<key>, sk=IDEM (written in the submit transaction)
//   a Period's held decisions            Query    byRelease        releasePk=RELEASE#<n> (sparse: only requests whose
//                                                  decision is recorded but not yet released to the applicant)
//   a request's internal notes           Query    pk=REQ#<id>, sk begins_with NOTE# (sk NOTE#<ulid>, oldest first)
//   a notice template                    GetItem  pk=TEMPLATE, sk=<kind>#<lang>; all of them: Query pk=TEMPLATE
//   a request's supporting documents      Query    pk=REQ#<id>, sk begins_with DOC# (documents-store.ts)
//   reads of its confidential names       Put      pk=REQ#<id>, sk=READ#<ulid> (audit, no personal data: confidential.ts)
//   everything of one request (purge)     Query    pk=REQ#<id>
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';
import type { HearingDraft } from './draft';
import type { HearingRequest } from './request';

export const hearingsTable = defineTable({
  id: 'hearings',
  envVar: 'HEARINGS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'byOwner', partitionKey: 'ownerPk', sortKey: 'id' },
    { name: 'bySession', partitionKey: 'sessionPk', sortKey: 'id' },
    { name: 'bySessionStatus', partitionKey: 'sessionPk', sortKey: 'statusSk' },
    { name: 'byStatus', partitionKey: 'statusPk', sortKey: 'id' },
    { name: 'byTime', partitionKey: 'entityPk', sortKey: 'id' },
    { name: 'byState', partitionKey: 'statePk', sortKey: 'id' },
    { name: 'byRelease', partitionKey: 'releasePk', sortKey: 'id' },
  ],
});

export type IndexName = (typeof hearingsTable.indexes)[number]['name'];

export const requestKey = (id: string) => ({ pk: `REQ#${id}`, sk: 'REQ' });
export const statePointerKey = (id: string, state: string) => ({ pk: `REQ#${id}`, sk: `STATE#${state}` });
export const documentKey = (requestId: string, documentId: string) => ({ pk: `REQ#${requestId}`, sk: `DOC#${documentId}` });
export const DOCUMENT_SK_PREFIX = 'DOC#';
export const readAuditKey = (requestId: string, readId: string) => ({ pk: `REQ#${requestId}`, sk: `READ#${readId}` });
export const requestPk = (id: string) => `REQ#${id}`;
export const idempotencyKey = (sub: string, key: string) => ({ pk: `IDEM#${sub}#${key}`, sk: 'IDEM' });
export const noteKey = (requestId: string, noteId: string) => ({ pk: `REQ#${requestId}`, sk: `NOTE#${noteId}` });
export const NOTE_PREFIX = 'NOTE#';
export const TEMPLATE_PK = 'TEMPLATE';
export const templateKey = (kind: string, lang: string) => ({ pk: TEMPLATE_PK, sk: `${kind}#${lang}` });
export const releasePk = (number: number) => `RELEASE#${number}`;

export const ownerPk = (sub: string) => `OWNER#${sub}`;
export const sessionPk = (number: number) => `SESSION#${number}`;
export const statusPk = (status: string) => `STATUS#${status}`;
export const statusSk = (status: string, id: string) => `${status}#${id}`;
export const statePk = (state: string) => `STATE#${state}`;
export const ENTITY_REQUEST = 'REQ';

/** A hearing request item: its key and index attributes, derived from its fields (functions/shared/entity.ts). */
export const hearingRequestEntity = defineEntity({
  table: hearingsTable,
  key: (id: string) => requestKey(id),
  keyOf: (r: HearingRequest) => r.id,
  indexes: {
    ownerPk: { from: ['ownerSub'], value: (r) => ownerPk(r.ownerSub) },
    sessionPk: { from: ['sessionNumber'], value: (r) => sessionPk(r.sessionNumber) },
    statusSk: { from: ['status', 'id'], value: (r) => statusSk(r.status, r.id) },
    statusPk: { from: ['status'], value: (r) => statusPk(r.status) },
    entityPk: { from: [], value: () => ENTITY_REQUEST },
    // Sparse: only while a decision waits for its Period's release.
    releasePk: { from: ['held'], value: (r) => (r.held ? releasePk(r.held.from) : undefined) },
  },
});

/** The index attributes of a request item: derived, never edited by hand. */
export const requestIndexKeys = (r: Pick<HearingRequest, 'id' | 'ownerSub' | 'sessionNumber' | 'status'>) => hearingRequestEntity.indexValues(r as HearingRequest);

// Drafts (issue 15): an applicant's unfinished request, kept on the server so it can be
// resumed on another device. A draft item carries only `ownerPk` (under DRAFTS#<sub>, a
// partition of its own in byOwner), never the session, status, entity or State index
// attributes: the secretariat's lists and counts cannot see it.
//   get one draft                        GetItem  pk=DRAFT#<id>, sk=DRAFT
//   an owner's open drafts, newest first Query    byOwner  ownerPk=DRAFTS#<sub>  (sk id, descending)
// Once submitted, the draft stays as a tombstone pointing at its request (so a repeated
// submit answers with that request) and leaves the index; TTL removes it later.
export const draftKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT' });
export const draftsPk = (sub: string) => `DRAFTS#${sub}`;

export const hearingDraftEntity = defineEntity({
  table: hearingsTable,
  key: (id: string) => draftKey(id),
  keyOf: (d: HearingDraft) => d.id,
  indexes: {
    ownerPk: { from: ['ownerSub', 'status'], value: (d) => (d.status === 'draft' ? draftsPk(d.ownerSub) : undefined) },
  },
});
