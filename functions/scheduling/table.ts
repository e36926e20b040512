// The scheduling table: rapporteurships, the working timetable of each Period of
// Sessions, every proposal, and the numbered published versions.
// Access patterns:
//   rapporteurships (configuration)       GetItem  pk=CONFIG, sk=RAPPORTEURSHIPS (conditional on revision)
//   working timetable of a session        GetItem  pk=SESSION#<n>, sk=DRAFT (moves conditional on revision)
//   a proposal, kept for the record       PutItem  pk=SESSION#<n>, sk=PROPOSAL#<ulid>
//   the pointer to the latest version     GetItem  pk=SESSION#<n>, sk=PUBLISHED (publish is conditional on it)
//   a published version / the changelog   Query    pk=SESSION#<n>, sk begins_with VERSION# (padded: sorts by number)
import { defineTable } from '../shared/table';

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
