// The registrations table: attendees of a Period of Sessions, the seat counter of each
// attendance mode and the one-active-registration-per-email guard.
// Access patterns:
//   get a registration by id                 GetItem  pk=REG#<id>, sk=REG
//   seats and waiting list of a mode         GetItem  pk=SESSION#<n>, sk=COUNTER#<mode>
//   one active registration per email        Put/Delete pk=SESSION#<n>, sk=EMAIL#<sha256 of the normalised email>
//   list a session's registrations           Query    GSI bySession: sessionKey=SESSION#<n>, createdKey=<ulid>
//   first waitlisted of a mode (FCFS)        Query    pk=WAITQ#<n>#<mode>, sk=<seq padded>, ConsistentRead, Limit 1: one
//                                                     queue item per waiting person, written and deleted in the same
//                                                     transactions as the registration, so the head is never stale
//   position on the waiting list             Query    the same queue, Select COUNT, sk < mine (consistent)
//   (GSI waitlist: waitKey=WAIT#<n>#<mode>, waitOrder, kept on waitlisted registrations for listings)
//   check-in by confirmation code            Query    GSI byCode: codeKey=CODE#<n>#<code>
// Attendee items carry expiresAt (epoch seconds, DynamoDB TTL): session end + retention.
import { defineTable } from '../shared/table';
import type { Mode } from './registration';

export const registrationsTable = defineTable({
  id: 'registrations',
  envVar: 'REGISTRATIONS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'bySession', partitionKey: 'sessionKey', sortKey: 'createdKey' },
    { name: 'waitlist', partitionKey: 'waitKey', sortKey: 'waitOrder' },
    { name: 'byCode', partitionKey: 'codeKey' },
  ],
  ttlAttribute: 'expiresAt',
});

export const registrationKey = (id: string) => ({ pk: `REG#${id}`, sk: 'REG' });
export const counterKey = (session: number, mode: Mode) => ({ pk: `SESSION#${session}`, sk: `COUNTER#${mode}` });
export const emailGuardKey = (session: number, emailHash: string) => ({ pk: `SESSION#${session}`, sk: `EMAIL#${emailHash}` });
export const sessionIndexKey = (session: number) => `SESSION#${session}`;
export const waitIndexKey = (session: number, mode: Mode) => `WAIT#${session}#${mode}`;
/** Zero-padded so the string sort key orders numerically. */
export const waitOrderKey = (seq: number) => String(seq).padStart(9, '0');
/** A waiting person's place in the queue of a session's mode; the item holds registrationId. */
export const waitQueueKey = (session: number, mode: Mode, seq: number) => ({ pk: `WAITQ#${session}#${mode}`, sk: waitOrderKey(seq) });
export const codeIndexKey = (session: number, code: string) => `CODE#${session}#${code}`;
