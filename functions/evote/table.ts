// The E-Vote table, reachable only by the E-Vote functions (the HTTP function and the
// closer). One partition per ballot holds the ballot, its participation markers, its
// votes and its audit chain, so every change of a ballot is one TransactWriteItems in
// one partition.
// Items (pk = BALLOT#<id>):
//   sk=BALLOT              the ballot: fields, status, votesCast, recusals, audit head,
//                          result once closed; listPk/listSk for the list index, and
//                          openPk/openSk (closesAt) only while open (sparse index)
//   sk=VOTER#<cid>         participation marker, written once (attribute_not_exists):
//                          named ballots also keep the choice here; secret ballots never
//   sk=VOTE#<random>       secret ballots only: the anonymous vote (choice, receipt,
//                          explanation), no commissioner id, no timestamp, random key
//   sk=RECEIPTS            secret ballots, once closed: [{ receipt, choice }] sorted
//   sk=AUDIT#<seq 6>       audit entry, appended with attribute_not_exists (no forks)
// Access patterns:
//   get a ballot                         GetItem pk, sk=BALLOT
//   list ballots, newest first           Query   GSI list: listPk=BALLOT (listSk = ulid id)
//   open ballots due for closing         Query   GSI open: openPk=OPEN, openSk <= now
//   a commissioner's participation       GetItem pk, sk=VOTER#<cid>
//   who voted / named votes              Query   pk, sk begins_with VOTER#
//   anonymous votes (at close)           Query   pk, sk begins_with VOTE#
//   the audit chain, in order            Query   pk, sk begins_with AUDIT#
//   the audit head                       Query   pk, sk begins_with AUDIT#, descending, Limit 1
// The table has no stream: nothing outside these functions sees writes in order.
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';
import type { Ballot } from './ballot';

export const evoteTable = defineTable({
  id: 'evote',
  envVar: 'EVOTE_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'list', partitionKey: 'listPk', sortKey: 'listSk' },
    { name: 'open', partitionKey: 'openPk', sortKey: 'openSk' },
  ],
});

export const LIST_PARTITION = 'BALLOT';
export const OPEN_PARTITION = 'OPEN';
export const ballotPk = (id: string) => `BALLOT#${id}`;
export const ballotKey = (id: string) => ({ pk: ballotPk(id), sk: 'BALLOT' });
export const voterKey = (id: string, commissionerId: string) => ({ pk: ballotPk(id), sk: `VOTER#${commissionerId}` });
export const voteKey = (id: string, random: string) => ({ pk: ballotPk(id), sk: `VOTE#${random}` });
export const receiptsKey = (id: string) => ({ pk: ballotPk(id), sk: 'RECEIPTS' });
export const auditKey = (id: string, seq: number) => ({ pk: ballotPk(id), sk: `AUDIT#${String(seq).padStart(6, '0')}` });
export const VOTER_PREFIX = 'VOTER#';
export const VOTE_PREFIX = 'VOTE#';
export const AUDIT_PREFIX = 'AUDIT#';

/**
 * The ballot item (functions/shared/entity.ts): the list index for every ballot, the
 * sparse `open` index (closesAt) only while open. Its audit head (auditSeq, auditHash)
 * is storage too, kept by the store's one write path beside the fields.
 */
export const ballotEntity = defineEntity({
  table: evoteTable,
  key: (id: string) => ballotKey(id),
  keyOf: (b: Ballot) => b.id,
  indexes: {
    listPk: { from: [], value: () => LIST_PARTITION },
    listSk: { from: ['id'], value: (b) => b.id },
    openPk: { from: ['status'], value: (b) => (b.status === 'open' ? OPEN_PARTITION : undefined) },
    openSk: { from: ['status', 'closesAt'], value: (b) => (b.status === 'open' ? b.closesAt : undefined) },
  },
});
