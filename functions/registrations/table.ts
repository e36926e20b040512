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
//   position on the waiting list             GetItem  the counter (gone#<bucket>: tickets of each bucket of 1,000 that
//                                                     left the queue) + Query of the queue within the ticket's bucket:
//                                                     constant reads at any size (issue 17)
//   reservations in flight                   the counter's held#<registration id> attributes (0 = a seat, else
//                                                     the ticket's seq), set by the seat/ticket update itself, removed
//                                                     once the registration is stored or given back (issue 12)
//   counters the sweep looks at              Query    pk=COUNTERS, sk=<n>#<mode> (one item per session and mode)
//   unverified holds due to expire           Query    pk=HOLDS#<hour of holdUntil>, sk=<holdUntil>#<id> <= now: one item
//                                                     per hold, written with the registration; the sweep deletes it
//   check-in by confirmation code            Query    GSI byCode: codeKey=CODE#<n>#<code>
// Attendee items carry expiresAt (epoch seconds, DynamoDB TTL): session end + retention.
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';
import type { Mode, Registration } from './registration';

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
/** The directory of counters: the sweep of stale in-flight reservations reads it, never a Scan. */
export const counterDirectoryKey = (session: number, mode: Mode) => ({ pk: 'COUNTERS', sk: `${session}#${mode}` });
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

/**
 * The attendee item: its key and the index attributes of bySession (in creation order,
 * the ULID) and byCode, derived from the fields; the store never sets or strips them by hand.
 */
export const registrationEntity = defineEntity({
  table: registrationsTable,
  key: registrationKey,
  keyOf: (r: Registration) => r.id,
  indexes: {
    sessionKey: { from: ['sessionNumber'], value: (r) => sessionIndexKey(r.sessionNumber) },
    createdKey: { from: ['id'], value: (r) => r.id },
    codeKey: { from: ['sessionNumber', 'confirmationCode'], value: (r) => codeIndexKey(r.sessionNumber, r.confirmationCode) },
  },
});
