// The registrations table: attendees of a Period of Sessions, the seat counter of each
// attendance mode, the one-active-registration-per-email guard, the waiting queue and
// the unverified holds.
// Access patterns:
//   get a registration by id                 GetItem  pk=REG#<id>, sk=REG
//   seats, tickets, counts of a mode         GetItem / UpdateItem ADD  pk=SESSION#<n>, sk=COUNTER#<mode>
//                                                     (confirmed = seats taken, waiting, seq = last ticket,
//                                                     cancelled, expired; check-ins on sk=CHECKINS#<mode>)
//   one active registration per email        Put/Delete pk=SESSION#<n>, sk=EMAIL#<sha256 of the normalised email>
//   list a session's registrations (paged)   Query    GSI bySession: sessionKey=SESSION#<n>, createdKey=<ulid>
//   first waitlisted of a mode (FCFS)        Query    pk=WAITQ#<n>#<mode>, sk=<seq padded>, ConsistentRead, Limit 1: one
//                                                     queue item per waiting person, written and deleted in the same
//                                                     transactions as the registration, so the head is never stale
//   position on the waiting list             Query    the same queue, Select COUNT, sk < mine (consistent), paged to
//                                                     the end (a COUNT page stops at 1 MB: issue 17)
//   unverified holds due to expire           Query    pk=HOLDS#<hour of holdUntil>, sk=<holdUntil>#<id> <= now: one item
//                                                     per hold, written with the registration; the sweep deletes it
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
    { name: 'byCode', partitionKey: 'codeKey' },
  ],
  ttlAttribute: 'expiresAt',
});

export const registrationKey = (id: string) => ({ pk: `REG#${id}`, sk: 'REG' });
export const counterKey = (session: number, mode: Mode) => ({ pk: `SESSION#${session}`, sk: `COUNTER#${mode}` });
/** Check-ins counted apart from the seat counter, so a check-in never contends with registrations. */
export const checkInCountKey = (session: number, mode: Mode) => ({ pk: `SESSION#${session}`, sk: `CHECKINS#${mode}` });
export const emailGuardKey = (session: number, emailHash: string) => ({ pk: `SESSION#${session}`, sk: `EMAIL#${emailHash}` });
export const sessionIndexKey = (session: number) => `SESSION#${session}`;
/** Zero-padded so the string sort key orders numerically. */
export const waitOrderKey = (seq: number) => String(seq).padStart(9, '0');
/** A waiting person's place in the queue of a session's mode; the item holds registrationId. */
export const waitQueueKey = (session: number, mode: Mode, seq: number) => ({ pk: `WAITQ#${session}#${mode}`, sk: waitOrderKey(seq) });
/** Holds bucketed by the hour they end in: the sweep reads the buckets up to now, never a Scan. */
export const holdBucket = (holdUntil: string) => `HOLDS#${holdUntil.slice(0, 13)}`;
export const holdKey = (holdUntil: string, id: string) => ({ pk: holdBucket(holdUntil), sk: `${holdUntil}#${id}` });
export const codeIndexKey = (session: number, code: string) => `CODE#${session}#${code}`;
