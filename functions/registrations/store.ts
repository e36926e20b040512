// The only module that speaks DynamoDB for registrations. One person per request, as
// Lambda runs it (issue 12): no in-process batching.
//
// Registering takes three steps, none of which contends with another registrant's
// transaction:
//  1. the one-per-email guard, a conditional Put of the person's own item;
//  2. a seat or a waiting ticket, a single-item atomic update of the mode's counter:
//     `ADD confirmed 1` on condition `confirmed < capacity AND waiting = 0`, else
//     `ADD seq 1, waiting 1` (the new `waiting` is the position joined). No condition on
//     exact values, so concurrent registrants never fail each other's writes: DynamoDB
//     serialises single-item updates on the item;
//  3. the registration, the guard's confirmation, the outbox message, the queue item and
//     the hold in ONE TransactWriteItems (with a ClientRequestToken) that touches only
//     this person's items, so it does not conflict with other registrants either.
// If step 3 cannot be completed within the request's budget, the id is fenced (a
// placeholder that makes the transaction's `attribute_not_exists` fail for ever), and
// the seat or ticket is given back (compensation): either the registration is stored and
// the answer comes from it, or nothing of it is and the client may simply try again.
// Cancel, expiry and promotion touch the counter inside their transaction (they are
// rare); a registrant's single-item update that meets one in flight gets a
// TransactionConflictException and the retry policy (shared/retry.ts) goes again.
import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeTime, ulid } from 'ulid';
import { outboxPut } from '../notifications/outbox';
import { readConfig, shared, tableNameOf, withDefault } from '../shared/config';
import { type DocClient, raceDdb } from '../shared/ddb';
import { Conflict, NotFound } from '../shared/errors';
import { logger } from '../shared/logger';
import { type Budget, RETRY, budgetOf, classify, retrying } from '../shared/retry';
import type { Session } from '../sessions/session';
import './messages';
import { manageLink, notice } from './notices';
import {
  MODES,
  type Mode,
  type Registration,
  type RegistrationInput,
  emailHash,
  expiryOf,
  hashToken,
  newConfirmationCode,
  newToken,
} from './registration';
import {
  checkInCountKey,
  codeIndexKey,
  counterDirectoryKey,
  counterKey,
  emailGuardKey,
  holdBucket,
  holdKey,
  registrationEntity,
  registrationKey,
  registrationsTable,
  sessionIndexKey,
  waitOrderKey,
  waitQueueKey,
} from './table';

const TableName = tableNameOf(registrationsTable);

export const config = readConfig({
  /** Days attendee records are kept after the session ends (DynamoDB TTL). */
  DOCKET_RETENTION_DAYS: withDefault(90, /^\d{1,4}$/, Number),
  /** Minutes a registration holds its seat or place until the emailed link is opened (issue 13). */
  DOCKET_REGISTRATION_HOLD_MINUTES: withDefault(30, /^[1-9]\d{0,4}$/, Number),
});
export const retentionDays = (): number => config.DOCKET_RETENTION_DAYS;
export const holdMinutes = (): number => config.DOCKET_REGISTRATION_HOLD_MINUTES;

/** The client this store uses; tests swap in one that injects conflicts and timeouts. */
let db: DocClient = raceDdb;
export function useClient(client: DocClient): DocClient {
  const previous = db;
  db = client;
  return previous;
}

/** Capacity units the last operations consumed (benchmarks pass a sink). */
export type CapacitySink = (units: number) => void;

export interface StoreOptions {
  budget?: Budget;
  sink?: CapacitySink;
}

export interface Counter {
  /** False until the first registration of this session and mode. */
  exists: boolean;
  /** Seats taken (confirmed registrations, and seats being written this instant). */
  confirmed: number;
  waiting: number;
  /** Last waiting ticket issued (orders the queue; never reused). */
  seq: number;
  cancelled: number;
  expired: number;
  checkedIn: number;
}

interface Labelled {
  label: string;
  item: Record<string, unknown>;
}

const iso = (d: Date) => d.toISOString();
const num = (v: unknown) => Number(v ?? 0);

/**
 * The ClientRequestToken of one transaction attempt: the same items and generation give
 * the same token, so a repeat after an unknown outcome cannot apply twice; after a
 * definite refusal the caller bumps the generation (a refused token is not reused).
 */
const requestToken = (items: Labelled[], generation: number) =>
  createHash('sha256').update(`${generation}\n${JSON.stringify(items)}`).digest('hex').slice(0, 36);

/**
 * One TransactWriteItems attempt. Returns 'ok' or the label of the first item whose
 * condition failed; conflicts, throttles and unknown outcomes are thrown for the retry
 * policy to classify.
 */
async function transactOnce(items: Labelled[], token: string, sink?: CapacitySink): Promise<'ok' | string> {
  try {
    const out = await db.send(
      new TransactWriteCommand({
        TransactItems: items.map((i) => i.item) as never,
        ClientRequestToken: token,
        ...(sink ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
      }),
    );
    sink?.((out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0));
    return 'ok';
  } catch (error) {
    const c = classify(error);
    if (c.failure === 'condition' && c.failedIndex !== undefined) return items[c.failedIndex]?.label ?? 'unknown';
    throw error;
  }
}

/** Runs `items` until they commit or a condition fails; keeps the token across unknown outcomes. */
function transactionRunner(sink?: CapacitySink) {
  let generation = 0;
  return async (items: Labelled[]) => {
    try {
      const outcome = await transactOnce(items, requestToken(items, generation), sink);
      if (outcome !== 'ok') generation++;
      return outcome;
    } catch (error) {
      if (classify(error).failure !== 'unknown') generation++;
      throw error;
    }
  };
}

// ---- reads -----------------------------------------------------------------------

export async function readCounter(session: number, mode: Mode): Promise<Counter> {
  const [{ Item }, checks] = await Promise.all([
    db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true })),
    db.send(new GetCommand({ TableName, Key: checkInCountKey(session, mode) })),
  ]);
  return {
    exists: !!Item,
    confirmed: num(Item?.confirmed),
    waiting: num(Item?.waiting),
    seq: num(Item?.seq),
    cancelled: num(Item?.cancelled),
    expired: num(Item?.expired),
    checkedIn: num(checks.Item?.n),
  };
}

const strip = (item: Record<string, unknown>): Registration => registrationEntity.strip(item);

export async function findRegistration(id: string): Promise<Registration | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: registrationKey(id), ConsistentRead: true }));
  // A fence (see register) is no registration.
  return Item && !Item.fence ? strip(Item) : undefined;
}

export async function getRegistration(id: string): Promise<Registration> {
  const reg = await findRegistration(id);
  if (!reg) throw new NotFound('registration.notFound', { id });
  return reg;
}

// ---- waiting positions, O(1) reads at any size (issue 17) ------------------------------
//
// Tickets are numbered 1, 2, 3, … by the counter (`seq`, never reused). The people
// waiting ahead of ticket s are the tickets below s that have not left the queue. The
// counter keeps, per bucket of POSITION_BUCKET tickets, how many of them left (`gone#<b>`:
// promoted, cancelled, expired, or given back unused), in the same write that takes
// them out. So the position of s is
//   (tickets issued below s's bucket) − (gone in those buckets) + (queue items of s's
//   bucket below s) + 1,
// one consistent GetItem of the counter and one Query of at most one bucket of small
// queue items: a constant number of reads, never a COUNT that pages (a COUNT page stops
// at 1 MB: positions 18,998–19,000 were shown as 12,635).

/** Tickets per bucket: a position reads the counter and at most one bucket of queue items (~90 KB). */
export const POSITION_BUCKET = 1000;
const bucketOf = (seq: number) => Math.floor(seq / POSITION_BUCKET);
/** The counter attribute that counts the tickets of seq's bucket that left the queue. */
const goneName = (seq: number) => `gone#${bucketOf(seq)}`;

/** Tickets still waiting (or being written this instant) below the first seq of bucket `b`. */
function waitingBelowBucket(counter: Record<string, unknown>, b: number): number {
  let waiting = Math.max(0, b * POSITION_BUCKET - 1); // tickets 1 … b·BUCKET − 1
  for (let c = 0; c < b; c++) waiting -= num(counter[`gone#${c}`]);
  return waiting;
}

/** Current position on the waiting list: those still waiting with an earlier ticket, plus one. Exact at any size. */
export async function currentPosition(reg: Registration): Promise<number | undefined> {
  if (reg.status !== 'waitlisted' || reg.waitSeq === undefined) return undefined;
  return (await currentPositions(reg.sessionNumber, reg.attendance, [reg.waitSeq])).get(reg.waitSeq);
}

/**
 * Current positions of some waitlisted registrations of one mode, for a page of a list:
 * the counter, then for each bucket the page's tickets fall in (one or two: the list
 * runs in creation order, and tickets are numbered in that order), the queue items from
 * the bucket's start to the page's last ticket in it. Bounded by a bucket per query,
 * whatever the session's size.
 */
export async function currentPositions(session: number, mode: Mode, seqs: number[]): Promise<Map<number, number>> {
  const positions = new Map<number, number>();
  if (seqs.length === 0) return positions;
  const highest = new Map<number, number>();
  for (const seq of seqs) highest.set(bucketOf(seq), Math.max(seq, highest.get(bucketOf(seq)) ?? 0));
  const { Item } = await db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true }));
  const wanted = new Set(seqs);
  for (const [b, high] of highest) {
    let rank = waitingBelowBucket(Item ?? {}, b);
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :q AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':q': waitQueueKey(session, mode, 0).pk, ':lo': waitOrderKey(b * POSITION_BUCKET), ':hi': waitOrderKey(high) },
          ConsistentRead: true,
          ProjectionExpression: 'sk',
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        rank += 1;
        const seq = Number(item.sk);
        if (wanted.has(seq)) positions.set(seq, rank);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return positions;
}

export interface Page<T> {
  items: T[];
  /** Opaque: pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The start key a cursor stands for, or undefined when it is not one of this session's. */
export function decodeCursor(session: number, cursor: string): Record<string, string> | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const names = Object.keys(key).sort().join(',');
    if (names !== 'createdKey,pk,sessionKey,sk') return undefined;
    if (key.sessionKey !== sessionIndexKey(session) || !Object.values(key).every((v) => typeof v === 'string' && v.length <= 100)) return undefined;
    return key as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** One page of a session's registrations in the order they were made. */
export async function listRegistrationsPage(session: number, options: { limit: number; start?: Record<string, string> }): Promise<Page<Registration>> {
  const raw: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined = options.start;
  // One more than the page, so the last page carries no cursor; an index page can come
  // back short (1 MB), so read on until the page is full or the list ends.
  do {
    const page = await db.send(
      new QueryCommand({
        TableName,
        IndexName: 'bySession',
        KeyConditionExpression: 'sessionKey = :s',
        ExpressionAttributeValues: { ':s': sessionIndexKey(session) },
        Limit: options.limit + 1 - raw.length,
        ExclusiveStartKey,
      }),
    );
    raw.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && raw.length <= options.limit);
  if (raw.length <= options.limit) return { items: raw.map(strip) };
  const last = raw[options.limit - 1];
  const next = { pk: last.pk, sk: last.sk, sessionKey: last.sessionKey, createdKey: last.createdKey };
  return { items: raw.slice(0, options.limit).map(strip), next: encodeCursor(next) };
}

/** Every registration of a session (tests and benchmarks; the routes page). */
export async function listRegistrations(session: number): Promise<Registration[]> {
  const all: Registration[] = [];
  let start: Record<string, string> | undefined;
  for (;;) {
    const page = await listRegistrationsPage(session, { limit: 1000, start });
    all.push(...page.items);
    if (!page.next) return all;
    start = decodeCursor(session, page.next);
  }
}

// ---- register ----------------------------------------------------------------------

export interface Registered {
  registration: Registration;
  /** The manage token: goes only into the emailed link, never into the HTTP answer. */
  token: string;
  /** True when this answers a repeat of an earlier request (same idempotency key). */
  replayed: boolean;
}

/** Seconds a claimed but not yet committed email guard blocks others (longer than any request). */
const GUARD_PENDING_SECONDS = 120;
/** How long a fence (an id given up on) is kept: far beyond a transaction's idempotency window. */
const FENCE_SECONDS = 24 * 3600;
/**
 * How long a repeat of the very same form (no Idempotency-Key) is answered with the
 * registration it made: long enough for a retry after a lost answer, no longer. The form
 * is no secret (a name, an address, a country anyone may know), and the answer carries
 * the confirmation code that admits its holder at the door: past this window a repeat is
 * any other attempt on the address (409). A client's Idempotency-Key is its own secret
 * and replays for as long as the guard lives.
 */
export const FORM_REPLAY_SECONDS = 120;

type Place = { status: 'confirmed' } | { status: 'waitlisted'; seq: number; position: number };

/** What identifies a repeat of one request: the client's Idempotency-Key, else the form itself. */
export const replayKeyOf = (session: number, input: RegistrationInput, idempotencyKey?: string) =>
  createHash('sha256')
    .update(idempotencyKey ? `key\n${session}\n${idempotencyKey}` : `form\n${session}\n${JSON.stringify(Object.entries(input).sort())}`)
    .digest('hex');

/**
 * Registers one person: confirmed while seats remain and nobody waits, else waitlisted
 * with the next ticket. Either way the seat or place is held until `holdUntil` unless the
 * person opens the emailed link (verify). A repeat of a request that was stored
 * (same idempotency key) is answered from the stored registration.
 */
export async function register(session: Session, input: RegistrationInput, now: Date, options: StoreOptions & { idempotencyKey?: string } = {}): Promise<Registered> {
  const budget = options.budget ?? budgetOf();
  const mode = input.attendance;
  const token = newToken();
  const id = ulid(now.getTime());
  const days = retentionDays();
  const expiresAt = expiryOf(session, days);
  const holdUntil = iso(new Date(now.getTime() + holdMinutes() * 60_000));
  const base: Registration = {
    ...input,
    id,
    sessionNumber: session.number,
    status: 'confirmed',
    confirmationCode: newConfirmationCode(),
    tokenHash: hashToken(token),
    createdAt: iso(now),
    holdUntil,
    expiresAt,
  };
  const guardKey = emailGuardKey(session.number, emailHash(session.number, input.email));
  const replayKey = replayKeyOf(session.number, input, options.idempotencyKey);

  // On the domain clock (as createdAt), so the window is the registration's own.
  const formReplayUntil = options.idempotencyKey ? undefined : Math.floor(now.getTime() / 1000) + FORM_REPLAY_SECONDS;
  const claim = await claimGuard(session.number, guardKey, id, replayKey, expiresAt, budget, { now, formReplayUntil });
  if (claim !== 'mine') return { registration: claim, token: '', replayed: true };

  let place: Place;
  try {
    place = await reserve(session, mode, id, expiresAt, now, budget);
  } catch (error) {
    await releaseGuard(guardKey, id);
    throw error;
  }

  const reg: Registration = place.status === 'confirmed' ? base : { ...base, status: 'waitlisted', waitSeq: place.seq, waitlistPosition: place.position };
  const link = manageLink(shared.SITE_ORIGIN, id, token);
  let message: Awaited<ReturnType<typeof notice>>;
  try {
    message = await notice(reg.status === 'confirmed' ? 'confirmed' : 'waitlisted', reg, { link, days, minutes: holdMinutes() });
  } catch (error) {
    // The seat or ticket is taken and nothing is written yet: give both back, or the
    // counter would count a registration that never exists (found by the fuzz test).
    await compensate(session.number, mode, place, id, now).catch((e) => logger.error('compensation failed', { error: (e as Error).name }));
    await releaseGuard(guardKey, id);
    throw error;
  }
  const items: Labelled[] = [
    {
      label: 'registration',
      item: {
        Put: {
          TableName,
          Item: registrationEntity.item(reg),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      label: 'email',
      item: {
        Update: {
          TableName,
          Key: guardKey,
          UpdateExpression: 'REMOVE pendingUntil',
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': id },
        },
      },
    },
    { label: 'outbox', item: outboxPut(message, now) },
    { label: 'hold', item: { Put: { TableName, Item: { ...holdKey(holdUntil, id), registrationId: id, sessionNumber: session.number, expiresAt } } } },
  ];
  if (reg.waitSeq !== undefined) {
    items.push({
      label: 'queue',
      item: { Put: { TableName, Item: { ...waitQueueKey(session.number, mode, reg.waitSeq), registrationId: id, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
    });
  }

  const run = transactionRunner(options.sink);
  try {
    const stored = await retrying(
      'register',
      async ({ uncertain }) => {
        if (uncertain) {
          const landed = await findRegistration(id);
          if (landed) return landed;
        }
        const outcome = await run(items);
        if (outcome === 'ok') return reg;
        if (outcome === 'registration') return (await findRegistration(id)) ?? RETRY; // an earlier attempt landed
        if (outcome === 'email') throw new Conflict('registration.duplicate', { session: session.number }); // the guard was taken over
        throw new Error(`registration transaction refused by ${outcome}`);
      },
      { budget },
    );
    await settle(session.number, mode, id, budget);
    return { registration: stored, token, replayed: false };
  } catch (error) {
    // Either the registration is stored (answer from it) or it never will be (fence),
    // and then the seat or ticket and the guard go back.
    let landed: Registration | undefined;
    try {
      landed = await fence(id);
    } catch {
      throw error; // the store is unreachable: nothing more is safe to do (the guard lapses by itself)
    }
    if (landed) {
      await settle(session.number, mode, id, budget);
      return { registration: landed, token, replayed: false };
    }
    await compensate(session.number, mode, place, id, now).catch((e) => logger.error('compensation failed', { error: (e as Error).name }));
    await releaseGuard(guardKey, id);
    throw error;
  }
}

/** Claims the person's email guard; answers a repeat of an earlier request from its registration. */
async function claimGuard(
  session: number,
  guardKey: { pk: string; sk: string },
  id: string,
  replayKey: string,
  expiresAt: number,
  budget: Budget,
  form: { now: Date; formReplayUntil?: number },
): Promise<'mine' | Registration> {
  return retrying(
    'email guard',
    async () => {
      const nowS = Math.floor(Date.now() / 1000);
      try {
        await db.send(
          new PutCommand({
            TableName,
            Item: {
              ...guardKey,
              registrationId: id,
              replayKey,
              pendingUntil: nowS + GUARD_PENDING_SECONDS,
              expiresAt,
              ...(form.formReplayUntil !== undefined ? { formReplayUntil: form.formReplayUntil } : {}),
            },
            // A guard left pending by a request that died may be taken over.
            ConditionExpression: 'attribute_not_exists(pk) OR pendingUntil < :now',
            ExpressionAttributeValues: { ':now': nowS },
          }),
        );
        return 'mine' as const;
      } catch (error) {
        if (classify(error).failure !== 'condition') throw error;
      }
      const { Item } = await db.send(new GetCommand({ TableName, Key: guardKey, ConsistentRead: true }));
      if (!Item) return RETRY; // released meanwhile
      if (Item.registrationId === id) return 'mine' as const; // our own earlier attempt, outcome unknown then
      // A form's repeat only within its window (FORM_REPLAY_SECONDS); a key's always.
      const replayOpen = form.formReplayUntil === undefined || (typeof Item.formReplayUntil === 'number' && Math.floor(form.now.getTime() / 1000) <= Item.formReplayUntil);
      if (Item.replayKey === replayKey && replayOpen) {
        const earlier = await findRegistration(String(Item.registrationId));
        if (earlier && (earlier.status === 'confirmed' || earlier.status === 'waitlisted')) return earlier;
        if (Item.pendingUntil !== undefined) return RETRY; // the earlier request is still being written
      }
      throw new Conflict('registration.duplicate', { session });
    },
    { budget },
  );
}

async function releaseGuard(guardKey: { pk: string; sk: string }, id: string): Promise<void> {
  try {
    await db.send(new DeleteCommand({ TableName, Key: guardKey, ConditionExpression: 'registrationId = :id', ExpressionAttributeValues: { ':id': id } }));
  } catch (error) {
    // Taken over already, or unreachable: a pending guard lapses by itself (pendingUntil).
    logger.debug('guard not released', { error: (error as Error).name });
  }
}

/**
 * Makes sure a registration that was given up on can never land later: a placeholder on
 * its key fails the transaction's `attribute_not_exists`. Returns the registration if it
 * did land after all, else undefined (then the id is fenced).
 */
async function fence(id: string): Promise<Registration | undefined> {
  try {
    await db.send(
      new PutCommand({
        TableName,
        Item: { ...registrationKey(id), fence: true, expiresAt: Math.floor(Date.now() / 1000) + FENCE_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return undefined;
  } catch (error) {
    if (classify(error).failure !== 'condition') throw error;
    return findRegistration(id);
  }
}

/** Lazy expiry on the registration path runs at most this often per process (Lambda: per instance). */
const LAZY_EXPIRY_EVERY_MS = 5_000;
let lastLazyExpiry = 0;

// ---- reservations in flight (issue 12) ----------------------------------------------
//
// The seat or ticket is taken by a single-item update of the counter BEFORE the person's
// transaction (so registrants never conflict with each other). If the function dies
// between the two (timeout, crash), nothing would give the seat back. So the same update
// records the reservation on the counter (`held#<id>`: 0 for a seat, else the ticket's
// seq), atomically with taking it. Once the registration is stored the entry is removed
// (a separate cheap update: the transaction must not touch the hot counter); when it is
// given back, the removal is part of the giving back, conditional on the entry being
// there, so a seat is never returned twice. An entry older than RESERVATION_SETTLED_MS
// (longer than any registration request lives) belongs to a request that died: the sweep
// fences its id (it can never land after that), and gives the seat or ticket back unless
// the registration did land (then it only removes the entry).

/** The counter attribute of a reservation in flight. */
const heldName = (id: string) => `held#${id}`;
/** Far beyond the registration function's 29 s timeout: an older entry belongs to a dead request. */
export const RESERVATION_SETTLED_MS = 120_000;

/** Counters already in the sweep's directory (per process: once per Lambda instance, session and mode). */
const listedCounters = new Set<string>();

/** Puts the counter in the directory the sweep reads (idempotent; before the first reservation). */
async function listCounter(session: Session, mode: Mode, expiresAt: number, budget: Budget): Promise<void> {
  const name = `${session.number}#${mode}`;
  if (listedCounters.has(name)) return;
  await retrying(
    'counter directory',
    async () => {
      await db.send(
        new PutCommand({
          TableName,
          Item: { ...counterDirectoryKey(session.number, mode), sessionNumber: session.number, mode, closesAt: session.registration.closesAt, expiresAt },
        }),
      );
      return true;
    },
    { budget },
  );
  listedCounters.add(name);
}

/** The registration is stored: its in-flight entry goes (else the sweep removes it later). */
async function settle(session: number, mode: Mode, id: string, budget?: Budget): Promise<void> {
  try {
    await retrying(
      'settle reservation',
      async () => {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: counterKey(session, mode),
            UpdateExpression: 'REMOVE #held',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#held': heldName(id) },
          }),
        );
        return true;
      },
      { budget: budget ?? budgetOf() },
    );
  } catch (error) {
    logger.warn('reservation not settled; the sweep will', { session, mode, error: (error as Error).name });
  }
}

/** A seat (atomic, capacity-bounded) or else the next waiting ticket; either recorded in flight. */
async function reserve(session: Session, mode: Mode, id: string, expiresAt: number, now: Date, budget: Budget): Promise<Place> {
  const capacity = session.registration.capacity[mode];
  const key = counterKey(session.number, mode);
  const held = heldName(id);
  await listCounter(session, mode, expiresAt, budget);
  const takeSeat = () =>
    retrying(
      'seat',
      async ({ uncertain }) => {
        if (uncertain) {
          // Our own entry tells whether the unknown attempt landed.
          const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
          if (Item?.[held] !== undefined) return true;
        }
        try {
          await db.send(
            new UpdateCommand({
              TableName,
              Key: key,
              UpdateExpression: 'ADD confirmed :one SET #held = :zero, expiresAt = :exp',
              // Seats go to newcomers only while nobody waits (first come, first served).
              ConditionExpression: '(attribute_not_exists(confirmed) OR confirmed < :cap) AND (attribute_not_exists(waiting) OR waiting = :zero)',
              ExpressionAttributeNames: { '#held': held },
              ExpressionAttributeValues: { ':one': 1, ':exp': expiresAt, ':cap': capacity, ':zero': 0 },
            }),
          );
          return true;
        } catch (error) {
          if (classify(error).failure === 'condition') return false;
          throw error;
        }
      },
      { budget },
    );
  if (await takeSeat()) return { status: 'confirmed' };
  // Full: holds that lapsed free seats for those waiting (or for this person if nobody waits).
  if (Date.now() - lastLazyExpiry > LAZY_EXPIRY_EVERY_MS) {
    lastLazyExpiry = Date.now();
    const freed = await expireDue(now, { budget, limit: 10, hours: 1 }).catch(() => 0);
    if (freed > 0 && (await takeSeat())) return { status: 'confirmed' };
  }
  return retrying(
    'ticket',
    async ({ uncertain }) => {
      if (uncertain) {
        const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
        if (Item?.[held] !== undefined) return { status: 'waitlisted' as const, seq: num(Item[held]), position: num(Item.waiting) };
      }
      // The entry's value is the ticket's number: both read the seq before this update.
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName,
          Key: key,
          UpdateExpression: 'SET seq = if_not_exists(seq, :zero) + :one, #held = if_not_exists(seq, :zero) + :one, lastTicketAt = :t, expiresAt = :exp ADD waiting :one',
          ExpressionAttributeNames: { '#held': held },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':t': Date.now(), ':exp': expiresAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { status: 'waitlisted' as const, seq: num(Attributes?.seq), position: num(Attributes?.waiting) };
    },
    { budget },
  );
}

/** The reservations in flight on a counter: registration id and ticket (0 for a seat). Operations and tests. */
export async function reservationsInFlight(session: number, mode: Mode): Promise<{ id: string; seq: number }[]> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true }));
  return Object.entries(Item ?? {})
    .filter(([name]) => name.startsWith('held#'))
    .map(([name, value]) => ({ id: name.slice('held#'.length), seq: num(value) }));
}

/** Whether the in-flight entry of `id` is still on the counter. */
async function stillHeld(session: number, mode: Mode, id: string): Promise<boolean> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true, ProjectionExpression: '#held', ExpressionAttributeNames: { '#held': heldName(id) } }));
  return Item?.[heldName(id)] !== undefined;
}

/**
 * Gives back what a registration that was never stored took, and removes its in-flight
 * entry in the same write, only while the entry is there (so the registration path and
 * the sweep never both give it back): a seat passes to the head of the queue (or back to
 * the pool), a ticket leaves the waiting count and counts as gone in its bucket (the
 * number stays unused). Returns false when the entry was gone already (given back before).
 */
async function compensate(session: number, mode: Mode, place: Place, id: string, now: Date, budget: Budget = budgetOf(undefined)): Promise<boolean> {
  if (place.status === 'waitlisted') {
    return retrying(
      'return ticket',
      async () => {
        try {
          await db.send(
            new UpdateCommand({
              TableName,
              Key: counterKey(session, mode),
              UpdateExpression: 'ADD waiting :minus, #gone :one REMOVE #held',
              ConditionExpression: 'waiting > :zero AND attribute_exists(#held)',
              ExpressionAttributeNames: { '#gone': goneName(place.seq), '#held': heldName(id) },
              ExpressionAttributeValues: { ':minus': -1, ':one': 1, ':zero': 0 },
            }),
          );
          return true;
        } catch (error) {
          if (classify(error).failure === 'condition') return false;
          throw error;
        }
      },
      { budget },
    );
  }
  const run = transactionRunner();
  return retrying(
    'return seat',
    async () => {
      const items = await seatRelease(session, mode, now, undefined, undefined, id);
      const outcome = await run(items);
      if (outcome === 'ok') return true;
      if (outcome === 'counter' && !(await stillHeld(session, mode, id))) return false;
      return RETRY;
    },
    { budget },
  );
}

/**
 * Gives back the seats and tickets of one counter's reservations older than
 * RESERVATION_SETTLED_MS whose registration never landed (its id is fenced first, so it
 * never can); an entry whose registration did land is only removed. Returns how many
 * were given back.
 */
async function releaseStale(session: number, mode: Mode, now: Date, budget: Budget, counter?: Record<string, unknown>, ticketsOnly = false): Promise<number> {
  const item = counter ?? (await db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true }))).Item;
  let released = 0;
  for (const [name, value] of Object.entries(item ?? {})) {
    if (!name.startsWith('held#') || (ticketsOnly && num(value) === 0)) continue;
    const id = name.slice('held#'.length);
    let at: number;
    try {
      at = decodeTime(id);
    } catch {
      continue; // not one of ours
    }
    if (now.getTime() - at < RESERVATION_SETTLED_MS) continue; // its request may still be running
    try {
      const landed = await fence(id);
      if (landed) {
        await settle(session, mode, id, budget);
        continue;
      }
      const seq = num(value);
      const place: Place = seq > 0 ? { status: 'waitlisted', seq, position: 0 } : { status: 'confirmed' };
      if (await compensate(session, mode, place, id, now, budget)) {
        released++;
        logger.warn('stale reservation given back', { session, mode, kind: place.status === 'confirmed' ? 'seat' : 'ticket' });
      }
    } catch (error) {
      // A lost race or a blip: the entry stays, and the next sweep tries again.
      logger.warn('stale reservation not given back yet', { session, mode, error: (error as Error).name });
    }
  }
  return released;
}

/** A counter's registration window closed this long ago: nothing of it can be in flight any more. */
const DIRECTORY_QUIET_MS = 24 * 3600 * 1000;

/**
 * The sweep of reservations whose request died between taking the seat or ticket and
 * storing the registration (issue 12): every counter in the directory whose window is
 * open or closed recently. Returns how many seats and tickets were given back.
 */
export async function releaseStaleReservations(now: Date, options: StoreOptions = {}): Promise<number> {
  const budget = options.budget ?? budgetOf();
  let released = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': counterDirectoryKey(0, 'in_person').pk }, ExclusiveStartKey }),
    );
    for (const entry of page.Items ?? []) {
      if (typeof entry.closesAt === 'string' && Date.parse(entry.closesAt) + DIRECTORY_QUIET_MS < now.getTime()) continue;
      released += await releaseStale(num(entry.sessionNumber), entry.mode as Mode, now, budget);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return released;
}

// ---- leaving: cancel, expiry, and the promotion they cause ----------------------------

async function firstWaiting(session: number, mode: Mode): Promise<Registration | undefined> {
  // The head of the queue, read consistently from the base table (an index could lag
  // a fresh waitlisting and promote the second person before the first).
  const { Items } = await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :q',
      ExpressionAttributeValues: { ':q': waitQueueKey(session, mode, 0).pk },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const head = Items?.[0];
  return head ? findRegistration(String(head.registrationId)) : undefined;
}

/** The transaction entry that removes a waiting person's queue item (still theirs). */
const leaveQueue = (session: number, mode: Mode, reg: Registration): Labelled => ({
  label: 'queue',
  item: {
    Delete: {
      TableName,
      Key: waitQueueKey(session, mode, reg.waitSeq!),
      ConditionExpression: 'registrationId = :id',
      ExpressionAttributeValues: { ':id': reg.id },
    },
  },
});

type Tally = 'cancelled' | 'expired';

/** Longer than any request lives: a ticket older than this is no longer being written. */
const TICKET_SETTLED_MS = 60_000;
/** The queue or the counter moved between our reads: a lost race, retried by the policy. */
const queueMoved = () => Object.assign(new Error('the waiting queue moved'), { name: 'TransactionConflictException' });

interface CounterChange {
  /** One fewer seat taken or one fewer waiting. */
  change: 'waiting' | 'confirmed';
  tally?: Tally;
  condition: string;
  /** The ticket that leaves the queue: its bucket counts one more gone (positions). */
  goneSeq?: number;
  /** The in-flight reservation this gives back: removed, and the update applies only while it is there. */
  held?: string;
  /** Assignments to SET as well (placeholders of their own). */
  set?: { expression: string; values: Record<string, unknown> };
}

/** One counter entry (a transaction may name an item once): the change, tally, gone bucket and in-flight entry. */
const counterUpdate = (session: number, mode: Mode, c: CounterChange): Labelled => {
  const adds = [`${c.change} :minus`];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':minus': -1, ':zero': 0, ...c.set?.values };
  if (c.tally || c.goneSeq !== undefined) values[':one'] = 1;
  if (c.tally) adds.push(`${c.tally} :one`);
  if (c.goneSeq !== undefined) {
    names['#gone'] = goneName(c.goneSeq);
    adds.push('#gone :one');
  }
  let condition = c.condition;
  if (c.held) {
    names['#held'] = heldName(c.held);
    condition = `(${condition}) AND attribute_exists(#held)`;
  }
  const expression = [c.set ? `SET ${c.set.expression}` : '', `ADD ${adds.join(', ')}`, c.held ? 'REMOVE #held' : ''].filter(Boolean).join(' ');
  return {
    label: 'counter',
    item: {
      Update: {
        TableName,
        Key: counterKey(session, mode),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
  };
};

/**
 * The entries that free one confirmed seat: it passes to the head of the queue
 * (conditional on the head still waiting), or, with nobody waiting, back to the pool.
 * Returns undefined entries when the queue moved under us (read again).
 */
async function seatRelease(session: number, mode: Mode, now: Date, tally: Tally | undefined, leaving?: string, held?: string): Promise<Labelled[]> {
  const next = await firstWaiting(session, mode);
  if (next && (next.status !== 'waitlisted' || next.id === leaving)) throw queueMoved();
  if (!next) {
    const { Item } = await db.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true }));
    if (num(Item?.waiting) === 0) {
      // Nobody may be waiting when a seat returns to the pool (a ticket taken this instant
      // makes this fail, and the caller looks again).
      return [counterUpdate(session, mode, { change: 'confirmed', tally, held, condition: 'confirmed > :zero AND (attribute_not_exists(waiting) OR waiting = :zero)' })];
    }
    // The count says someone waits but the queue is empty: a ticket being written right
    // now (look again), or one whose request died (its in-flight entry is older than any
    // request lives): that one is given back here as the sweep would, and we look again.
    const tickets = Object.keys(Item ?? {}).filter((name) => name.startsWith('held#') && num(Item?.[name]) > 0);
    if (tickets.length > 0) {
      // Tickets only: giving back a seat releases a seat, which would come back here.
      await releaseStale(session, mode, now, budgetOf(), Item, true);
      throw queueMoved();
    }
    // No ticket in flight at all (a counter from before in-flight entries): once no
    // ticket has been issued for longer than any request lives, the count is repaired,
    // on condition that no ticket was issued meanwhile.
    if (Date.now() - num(Item?.lastTicketAt) < TICKET_SETTLED_MS) throw queueMoved();
    logger.warn('waiting count repaired', { session, mode, was: num(Item?.waiting) });
    return [counterUpdate(session, mode, { change: 'confirmed', tally, held, condition: 'confirmed > :zero AND seq = :seq', set: { expression: 'waiting = :zero', values: { ':seq': num(Item?.seq) } } })];
  }
  const promoted: Registration = { ...next, status: 'confirmed', promotedAt: iso(now) };
  const promotion = registrationEntity.update({ status: 'confirmed', promotedAt: promoted.promotedAt });
  return [
    {
      label: 'promoted',
      item: {
        Update: {
          TableName,
          Key: registrationEntity.key(next.id),
          UpdateExpression: `SET ${promotion.set}`,
          ConditionExpression: '#status = :waitlisted',
          ExpressionAttributeNames: { ...promotion.names, '#status': 'status' },
          ExpressionAttributeValues: { ...promotion.values, ':waitlisted': 'waitlisted' },
        },
      },
    },
    // The seat passes on: confirmed stays, one fewer waits, the promoted ticket is gone.
    counterUpdate(session, mode, { change: 'waiting', tally, held, condition: 'waiting > :zero', goneSeq: next.waitSeq }),
    leaveQueue(session, mode, next),
    { label: 'outbox', item: outboxPut(await notice('promoted', promoted), now) },
  ];
}

export interface Cancelled {
  registration: Registration;
}

/**
 * A registration leaves (cancelled by its holder, or expired unverified): its seat passes,
 * in the same transaction, to the first waitlisted registration of that mode; its guard
 * goes, so the address may register again.
 */
async function leave(id: string, kind: Tally, now: Date, options: StoreOptions): Promise<Registration | undefined> {
  const budget = options.budget ?? budgetOf();
  const run = transactionRunner(options.sink);
  const at = iso(now);
  return retrying(
    kind,
    async ({ uncertain }) => {
      const reg = await getRegistration(id);
      if (reg.status === kind && uncertain) return reg; // our attempt of unknown outcome landed
      if (reg.status === 'cancelled' || reg.status === 'expired') throw new Conflict('registration.notActive');
      if (kind === 'cancelled' && reg.checkedInAt) throw new Conflict('registration.checkedInCannotCancel');
      if (kind === 'expired' && (reg.verifiedAt || !reg.holdUntil || reg.holdUntil > at)) return undefined; // verified, or not due
      const session = reg.sessionNumber;
      const mode = reg.attendance;
      const { holdUntil: _held, ...rest } = reg;
      const change = kind === 'cancelled' ? { cancelledAt: at } : { expiredAt: at };
      const left: Registration = { ...rest, status: kind, ...change };
      const update = registrationEntity.update({ status: kind, ...change });
      const items: Labelled[] = [
        {
          label: 'registration',
          item: {
            Update: {
              TableName,
              Key: registrationEntity.key(id),
              UpdateExpression: `SET ${update.set} REMOVE holdUntil`,
              ConditionExpression:
                kind === 'cancelled'
                  ? '#status = :was AND attribute_not_exists(checkedInAt)'
                  : '#status = :was AND attribute_not_exists(verifiedAt) AND holdUntil <= :now',
              ExpressionAttributeNames: { ...update.names, '#status': 'status' },
              ExpressionAttributeValues: { ...update.values, ':was': reg.status, ...(kind === 'expired' ? { ':now': at } : {}) },
            },
          },
        },
        {
          label: 'email',
          item: {
            Delete: {
              TableName,
              Key: emailGuardKey(session, emailHash(session, reg.email)),
              ConditionExpression: 'registrationId = :id',
              ExpressionAttributeValues: { ':id': id },
            },
          },
        },
        { label: 'outbox', item: outboxPut(await notice(kind, left), now) },
      ];
      if (reg.holdUntil) items.push({ label: 'hold', item: { Delete: { TableName, Key: holdKey(reg.holdUntil, id) } } });
      if (reg.status === 'waitlisted') items.push(counterUpdate(session, mode, { change: 'waiting', tally: kind, condition: 'waiting > :zero', goneSeq: reg.waitSeq }), leaveQueue(session, mode, reg));
      else items.push(...(await seatRelease(session, mode, now, kind, id)));
      const outcome = await run(items);
      if (outcome === 'ok') return left;
      // Anything that moved under us (the registration, the head, the counter): read
      // again and decide again; a real state conflict surfaces on the next read.
      if (outcome === 'outbox' || outcome === 'hold') throw new Error(`${kind} refused by ${outcome}`);
      return RETRY;
    },
    { budget },
  );
}

/** Cancels a registration; the first waitlisted of that mode takes a confirmed seat. */
export async function cancel(id: string, now: Date, options: StoreOptions = {}): Promise<Cancelled> {
  return { registration: (await leave(id, 'cancelled', now, options))! };
}

/** Expires one unverified hold that is due; undefined when it is verified or not due. */
export const expireHold = (id: string, now: Date, options: StoreOptions = {}) => leave(id, 'expired', now, options);

/**
 * Expires the unverified holds that are due (their hold items, hour bucket by hour
 * bucket, up to now), each freeing its seat for the next in line. Run lazily on the
 * registration path when a mode is full and periodically (local background job;
 * in AWS an EventBridge Scheduler rate schedule invoking functions/registrations/holds.ts).
 * Returns how many expired.
 */
export async function expireDue(now: Date, options: StoreOptions & { limit?: number; hours?: number } = {}): Promise<number> {
  const limit = options.limit ?? 100;
  const hours = options.hours ?? 48;
  const upTo = `${iso(now)}#~`;
  let expired = 0;
  for (let h = hours; h >= 0; h--) {
    const bucket = holdBucket(iso(new Date(now.getTime() - h * 3_600_000)));
    const { Items } = await db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :b AND sk <= :upTo',
        ExpressionAttributeValues: { ':b': bucket, ':upTo': upTo },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    for (const hold of Items ?? []) {
      const id = String(hold.registrationId);
      let done: Registration | undefined;
      try {
        done = await expireHold(id, now, options);
      } catch (error) {
        if (!(error instanceof Conflict) && !(error instanceof NotFound)) throw error;
      }
      if (done) expired++;
      else {
        // Verified (or gone): the hold item has no more use.
        await db.send(new DeleteCommand({ TableName, Key: { pk: hold.pk, sk: hold.sk } }));
      }
      if (expired >= limit) return expired;
    }
  }
  return expired;
}

// ---- verify ------------------------------------------------------------------------

/** The person opened the emailed link: the hold becomes a registration for good. */
export async function verify(id: string, now: Date, options: StoreOptions = {}): Promise<Registration> {
  const budget = options.budget ?? budgetOf();
  const at = iso(now);
  return retrying(
    'verify',
    async () => {
      const reg = await getRegistration(id);
      if (reg.verifiedAt) return reg; // twice is fine
      if (reg.status === 'expired') throw new Conflict('registration.holdExpired');
      if (reg.status === 'cancelled') throw new Conflict('registration.notActive');
      if (reg.holdUntil && reg.holdUntil <= at) {
        // Due but not swept yet: it expires now, for the next in line.
        await expireHold(id, now, { budget }).catch(() => undefined);
        throw new Conflict('registration.holdExpired');
      }
      try {
        const update = registrationEntity.update({ verifiedAt: at });
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName,
            Key: registrationEntity.key(id),
            // The hold item stays for the sweep, which deletes holds of verified registrations.
            UpdateExpression: `SET ${update.set} REMOVE holdUntil`,
            ConditionExpression: '#status IN (:c, :w) AND attribute_not_exists(verifiedAt) AND holdUntil > :now',
            ExpressionAttributeNames: { ...update.names, '#status': 'status' },
            ExpressionAttributeValues: { ...update.values, ':now': at, ':c': 'confirmed', ':w': 'waitlisted' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return strip(Attributes!);
      } catch (error) {
        if (classify(error).failure === 'condition') return RETRY; // moved: read again
        throw error;
      }
    },
    { budget },
  );
}

// ---- check-in ----------------------------------------------------------------------

export async function checkIn(session: number, code: string, now: Date, options: StoreOptions = {}): Promise<Registration> {
  const { Items } = await db.send(
    new QueryCommand({ TableName, IndexName: 'byCode', KeyConditionExpression: 'codeKey = :c', ExpressionAttributeValues: { ':c': codeIndexKey(session, code) } }),
  );
  const found = (Items ?? []).map(strip);
  if (found.length === 0) throw new NotFound('registration.codeNotFound', { session, code });
  // 40-bit codes collide with negligible odds; if they ever do, the active one is meant.
  const reg = found.find((r) => r.status === 'confirmed') ?? found[0];
  const at = iso(now);
  const run = transactionRunner(options.sink);
  // Which door's check-in landed is told by this attempt's own id, never by the time: two
  // doors asking in the same millisecond would otherwise both be told they let the person in.
  const attempt = randomUUID();
  const update = registrationEntity.update({ checkedInAt: at, checkInId: attempt });
  const items: Labelled[] = [
    {
      label: 'registration',
      item: {
        Update: {
          TableName,
          Key: registrationEntity.key(reg.id),
          UpdateExpression: `SET ${update.set}`,
          ConditionExpression: '#status = :confirmed AND attribute_exists(verifiedAt) AND attribute_not_exists(checkedInAt)',
          ExpressionAttributeNames: { ...update.names, '#status': 'status' },
          ExpressionAttributeValues: { ...update.values, ':confirmed': 'confirmed' },
        },
      },
    },
    // Counted apart from the seat counter: check-ins never hold up registrations.
    { label: 'count', item: { Update: { TableName, Key: checkInCountKey(session, reg.attendance), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } } },
  ];
  return retrying(
    'check-in',
    async ({ uncertain }) => {
      if (uncertain) {
        const current = await getRegistration(reg.id);
        if (current.checkInId === attempt) return current; // our attempt of unknown outcome landed
      }
      const outcome = await run(items);
      if (outcome === 'ok') return { ...(await getRegistration(reg.id)), checkedInAt: at };
      const current = await getRegistration(reg.id);
      if (current.checkInId === attempt) return current;
      if (current.checkedInAt) throw new Conflict('registration.alreadyCheckedIn', { code, at: current.checkedInAt });
      if (current.status !== 'confirmed') throw new Conflict('registration.notConfirmed', { status: current.status });
      if (!current.verifiedAt) throw new Conflict('registration.notVerified');
      return RETRY;
    },
    { budget: options.budget ?? budgetOf() },
  );
}

/** Every mode's counter at once (the list's counts; exact at any size). */
export const readCounters = async (session: number) =>
  Object.fromEntries(await Promise.all(MODES.map(async (m) => [m, await readCounter(session, m)] as const))) as Record<Mode, Counter>;
