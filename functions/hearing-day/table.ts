// The hearing-day table (issue 16): what a hearing needs on the day and keeps after it.
// Access patterns:
//   joining details of a hearing           GetItem  pk=HEARING#<id>, sk=JOINING
//   a State's delegation to a hearing      GetItem  pk=HEARING#<id>, sk=DELEGATION#<XX>
//   the speaking plan of a hearing         GetItem  pk=HEARING#<id>, sk=PLAN
//   a day-before reminder, sent once       PutItem  pk=HEARING#<id>, sk=REMINDED#<start> (conditional: not there)
//   the titles of a Period's hearings      Query    pk=SESSION#<n>, sk begins_with TITLES#  (the public schedule)
//   the record of a Period's hearings      Query    pk=SESSION#<n>, sk begins_with RECORD#  (the archive)
//   the Period's public viewing link       GetItem  pk=SESSION#<n>, sk=WEBCAST
//   everything of one hearing (purge)      Query    pk=HEARING#<id> (joining, delegations, plan, reminder markers)
// A Period's titles and records are a few dozen items: one partition each, read whole.
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';

export const hearingDayTable = defineTable({
  id: 'hearing-day',
  envVar: 'HEARING_DAY_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
});

const hearingPk = (id: string) => `HEARING#${id}`;
const sessionPk = (n: number) => `SESSION#${String(n).padStart(6, '0')}`;

/** The partition of one hearing's own items: what the retention purge removes with its request. */
export const hearingItemsPk = (id: string) => hearingPk(id);
export const joiningKey = (id: string) => ({ pk: hearingPk(id), sk: 'JOINING' });
export const delegationKey = ({ id, state }: { id: string; state: string }) => ({ pk: hearingPk(id), sk: `DELEGATION#${state}` });
export const planKey = (id: string) => ({ pk: hearingPk(id), sk: 'PLAN' });
export const reminderKey = (id: string, start: string) => ({ pk: hearingPk(id), sk: `REMINDED#${start}` });
/** Once per online registrant and Period: the eve-of-Period reminder with the public viewing link. */
export const viewingReminderKey = (n: number, registrationId: string) => ({ pk: sessionPk(n), sk: `VIEWING-REMINDED#${registrationId}` });
export const titlesKey = ({ n, id }: { n: number; id: string }) => ({ pk: sessionPk(n), sk: `TITLES#${id}` });
export const recordKey = ({ n, id }: { n: number; id: string }) => ({ pk: sessionPk(n), sk: `RECORD#${id}` });
export const webcastKey = (n: number) => ({ pk: sessionPk(n), sk: 'WEBCAST' });
export const titlesOf = (n: number) => ({ pk: sessionPk(n), prefix: 'TITLES#' });
export const recordsOf = (n: number) => ({ pk: sessionPk(n), prefix: 'RECORD#' });

export const joiningEntity = defineEntity({ table: hearingDayTable, key: joiningKey, keyOf: (j: { requestId: string }) => j.requestId });
export const delegationEntity = defineEntity({ table: hearingDayTable, key: delegationKey, keyOf: (d: { requestId: string; state: string }) => ({ id: d.requestId, state: d.state }) });
export const planEntity = defineEntity({ table: hearingDayTable, key: planKey, keyOf: (p: { requestId: string }) => p.requestId });
export const titlesEntity = defineEntity({ table: hearingDayTable, key: titlesKey, keyOf: (t: { requestId: string; sessionNumber: number }) => ({ n: t.sessionNumber, id: t.requestId }) });
export const recordEntity = defineEntity({ table: hearingDayTable, key: recordKey, keyOf: (r: { requestId: string; sessionNumber: number }) => ({ n: r.sessionNumber, id: r.requestId }) });
export const webcastEntity = defineEntity({ table: hearingDayTable, key: webcastKey, keyOf: (w: { sessionNumber: number }) => w.sessionNumber });
