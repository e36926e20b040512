// The scheduling table: rapporteurships, the working timetable of each Period of
// Sessions, every proposal, and the numbered published versions.
// Access patterns:
//   rapporteurships (configuration)       GetItem  pk=CONFIG, sk=RAPPORTEURSHIPS (conditional on revision)
//   working timetable of a session        GetItem  pk=SESSION#<n>, sk=DRAFT (moves conditional on revision)
//   a proposal, kept for the record       PutItem  pk=SESSION#<n>, sk=PROPOSAL#<ulid>
//   the pointer to the latest version     GetItem  pk=SESSION#<n>, sk=PUBLISHED (publish is conditional on it)
//   a published version / the changelog   Query    pk=SESSION#<n>, sk begins_with VERSION# (padded: sorts by number)
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';
import type { Draft, Version } from './store';

export const schedulingTable = defineTable({
  id: 'scheduling',
  envVar: 'SCHEDULING_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
});

const sessionPk = (n: number) => `SESSION#${String(n).padStart(6, '0')}`;
export const rapporteurshipsKey = () => ({ pk: 'CONFIG', sk: 'RAPPORTEURSHIPS' });
export const draftKey = (n: number) => ({ pk: sessionPk(n), sk: 'DRAFT' });
export const proposalKey = (n: number, id: string) => ({ pk: sessionPk(n), sk: `PROPOSAL#${id}` });
export const publishedKey = (n: number) => ({ pk: sessionPk(n), sk: 'PUBLISHED' });
export const versionKey = (n: number, version: number) => ({ pk: sessionPk(n), sk: `VERSION#${String(version).padStart(6, '0')}` });
export const versionsOf = (n: number) => ({ pk: sessionPk(n), prefix: 'VERSION#' });

// The kinds of item (functions/shared/entity.ts): no index attributes here, so each is its
// key and the stripping of pk/sk. A proposal and the published pointer do not hold the
// session's number: their key is given when they are written.
export const rapporteurshipsEntity = defineEntity({ table: schedulingTable, key: rapporteurshipsKey });
export const draftEntity = defineEntity({ table: schedulingTable, key: draftKey, keyOf: (d: Draft) => d.sessionNumber });
export const proposalEntity = defineEntity({ table: schedulingTable, key: ({ n, id }: { n: number; id: string }) => proposalKey(n, id) });
export const publishedEntity = defineEntity({ table: schedulingTable, key: publishedKey });
export const versionEntity = defineEntity({
  table: schedulingTable,
  key: ({ n, version }: { n: number; version: number }) => versionKey(n, version),
  keyOf: (v: Version) => ({ n: v.sessionNumber, version: v.version }),
});
