// The only module that speaks DynamoDB for registrations. Capacity is an invariant of
// the store, not of the code around it: the seat counter, the registration and the
// one-per-email guard change together in ONE TransactWriteItems, each guarded by a
// condition (the counter on the exact values read); a lost race re-reads the counter
// and tries again. TransactionConflict (two transactions on the same counter at once)
// and timeouts are retried here with jittered backoff, within a time bound, so a
// legitimate request never sees them. Registrations that arrive together in one process
// are group-committed (see register).
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { outboxPut } from '../notifications/outbox';
import { readConfig, shared, tableNameOf } from '../shared/config';
import { ddb, guarded, queryAll } from '../shared/ddb';
import { Conflict, NotFound, Unavailable } from '../shared/errors';
import { logger } from '../shared/logger';
import { cancellationReasons } from '../shared/store-errors';
import type { Session } from '../sessions/session';
import './messages';
import { type Notice, manageLink, notice } from './notices';
import {
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
  codeIndexKey,
  counterKey,
  emailGuardKey,
  registrationKey,
  registrationsTable,
  sessionIndexKey,
  waitIndexKey,
  waitOrderKey,
 waitQueueKey } from './table';

const TableName = tableNameOf(registrationsTable);

export const config = readConfig({
  /** Days attendee records are kept after the session ends (DynamoDB TTL). */
  DOCKET_RETENTION_DAYS: z._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number)), 90),
});
export const retentionDays = (): number => config.DOCKET_RETENTION_DAYS;

export interface Counter {
  /** False until the first registration of this session and mode. */
  exists: boolean;
  confirmed: number;
  waiting: number;
  /** Last waiting-list ticket issued (orders the list; never reused). */
  seq: number;
}

// ---- retries ---------------------------------------------------------------------

/** How long a request may keep retrying lost races before answering 503. */
const RETRY_BUDGET_MS = 25_000;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 250;

/** An attempt that lost a race (condition on a counter, transaction conflict): go again. */
const RETRY = Symbol('retry');
/** `uncertain`: an earlier attempt timed out, so its write may have committed after all. */
type Attempt<T> = (uncertain: boolean) => Promise<T | typeof RETRY>;

/**
 * Retries an attempt with full-jitter exponential backoff until it settles or the budget
 * ends. A store that timed out (503 material) is retried too: every write here is
 * conditional, so a repeat cannot apply twice, and the attempt is told it must check
 * whether the earlier one landed.
 */
async function settle<T>(what: string, attempt: Attempt<T>): Promise<T> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  let uncertain = false;
  for (let n = 0; ; n++) {
    let result: T | typeof RETRY;
    try {
      result = await attempt(uncertain);
    } catch (error) {
      if (!(error instanceof Unavailable) || Date.now() > deadline) throw error;
      uncertain = true;
      result = RETRY;
    }
    if (result !== RETRY) {
      if (n > 0) logger.debug('settled after retries', { what, retries: n });
      return result;
    }
    if (Date.now() > deadline) {
      logger.warn('retry budget exhausted', { what, retries: n });
      throw new Unavailable(1);
    }
    await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 10)));
  }
}

/** A read that rides over a store that is briefly too slow (the same budget as writes). */
export const patientRead = <T>(read: () => Promise<T>): Promise<T> => settle('read', () => read());

interface Labelled {
  label: string;
  item: Record<string, unknown>;
}

/**
 * Runs one transaction. Returns 'ok', or the label of the first item whose condition
 * failed, or RETRY when DynamoDB cancelled it for a conflict with another transaction.
 */
async function transact(items: Labelled[], consumed?: (units: number) => void): Promise<'ok' | string | typeof RETRY> {
  try {
    const out = await ddb.send(
      new TransactWriteCommand({
        TransactItems: items.map((i) => i.item) as never,
        ...(consumed ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
      }),
    );
    consumed?.((out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0));
    return 'ok';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons) {
      const failed = reasons.findIndex((r) => r === 'ConditionalCheckFailed');
      if (failed >= 0) return items[failed]?.label ?? 'unknown';
      if (reasons.some((r) => r === 'TransactionConflict' || r === 'ThrottlingError')) return RETRY;
    }
    const name = (error as Error)?.name;
    if (name === 'TransactionConflictException') return RETRY;
    // A retried request whose first try is still running may yet commit: the caller
    // must check whether it landed (settle marks the next attempt uncertain).
    if (name === 'TransactionInProgressException') throw new Unavailable(1);
    return guarded(() => Promise.reject(error));
  }
}

/** Capacity units the last operations consumed (benchmarks pass a sink). */
export type CapacitySink = (units: number) => void;

// ---- reads -----------------------------------------------------------------------

export async function readCounter(session: number, mode: Mode): Promise<Counter> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true })));
  return { exists: !!Item, confirmed: Number(Item?.confirmed ?? 0), waiting: Number(Item?.waiting ?? 0), seq: Number(Item?.seq ?? 0) };
}

const strip = (item: Record<string, unknown>): Registration => {
  const { pk, sk, sessionKey, createdKey, waitKey, waitOrder, codeKey, ...rest } = item;
  return rest as unknown as Registration;
};

export async function findRegistration(id: string): Promise<Registration | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: registrationKey(id), ConsistentRead: true })));
  return Item ? strip(Item) : undefined;
}

export async function getRegistration(id: string): Promise<Registration> {
  const reg = await findRegistration(id);
  if (!reg) throw new NotFound('registration.notFound', { id });
  return reg;
}

/** Current position on the waiting list: those still waiting with an earlier ticket, plus one. */
export async function currentPosition(reg: Registration): Promise<number | undefined> {
  if (reg.status !== 'waitlisted' || reg.waitSeq === undefined) return undefined;
  const mine = waitQueueKey(reg.sessionNumber, reg.attendance, reg.waitSeq);
  const { Count } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :q AND sk < :mine',
        ExpressionAttributeValues: { ':q': mine.pk, ':mine': mine.sk },
        ConsistentRead: true,
        Select: 'COUNT',
      }),
    ),
  );
  return (Count ?? 0) + 1;
}

export async function listRegistrations(session: number): Promise<Registration[]> {
  const items = await queryAll({ TableName, IndexName: 'bySession', KeyConditionExpression: 'sessionKey = :s', ExpressionAttributeValues: { ':s': sessionIndexKey(session) } });
  return items.map(strip);
}

// ---- register ----------------------------------------------------------------------

export interface Registered {
  registration: Registration;
  token: string;
}

interface Pending {
  base: Registration;
  token: string;
  guardKey: { pk: string; sk: string };
  link: string;
  confirmedNotice: Notice;
  resolve: (value: Registered) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. Requests for the same session and mode that arrive while a transaction
 * is in flight in this process wait and then go together in the next one: one counter
 * update plus, per person, the registration, the email guard and the outbox message
 * plus a queue item for each waitlisted person (1 + 4 x 24 = 97 of the 100
 * items a transaction may hold). Lambda runs one request
 * per instance, so there a batch is one person; the local runtime and the benchmark
 * run hundreds of requests in one process, and DynamoDB Local runs transactions one at
 * a time, so without batching a burst costs one serial round trip per person, plus the
 * lost races. Between processes the counter's exact-value condition still decides.
 */
const MAX_BATCH = 24;
const queues = new Map<string, { session: Session; mode: Mode; pending: Pending[]; sink?: CapacitySink }>();

/**
 * Registers one person. Confirmed while seats remain (and nobody waits), else waitlisted
 * with the next ticket; positions are contiguous because a transaction commits only if
 * the counter still holds exactly the values it was built from.
 */
export async function register(session: Session, input: RegistrationInput, now: Date, sink?: CapacitySink): Promise<Registered> {
  const token = newToken();
  const id = ulid(now.getTime());
  const base: Registration = {
    ...input,
    id,
    sessionNumber: session.number,
    status: 'confirmed',
    confirmationCode: newConfirmationCode(),
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
    expiresAt: expiryOf(session, retentionDays()),
  };
  const link = manageLink(shared.SITE_ORIGIN, id, token);
  // Rendered before queueing (the QR is the costly part), so a batch commits quickly.
  const confirmedNotice = await notice('confirmed', base, { link, days: retentionDays() });
  const guardKey = emailGuardKey(session.number, emailHash(session.number, input.email));
  return new Promise<Registered>((resolve, reject) => {
    const key = `${session.number}#${input.attendance}`;
    const queue = queues.get(key);
    const pending: Pending = { base, token, guardKey, link, confirmedNotice, resolve, reject };
    if (queue) {
      queue.pending.push(pending);
      return;
    }
    queues.set(key, { session, mode: input.attendance, pending: [pending], sink });
    void drain(key);
  });
}

async function drain(key: string): Promise<void> {
  const queue = queues.get(key)!;
  while (queue.pending.length > 0) {
    // One operation per item in a transaction: a second request with the same email
    // waits for the next batch (where its guard refuses it).
    const batch: Pending[] = [];
    const guards = new Set<string>();
    const rest: Pending[] = [];
    for (const p of queue.pending) {
      if (batch.length < MAX_BATCH && !guards.has(p.guardKey.sk)) {
        batch.push(p);
        guards.add(p.guardKey.sk);
      } else rest.push(p);
    }
    queue.pending = rest;
    await commitBatch(queue.session, queue.mode, batch, queue.sink).catch((error) => {
      for (const p of batch) p.reject(error);
    });
  }
  queues.delete(key);
}

/** Commits a batch in arrival order; settles each request's promise. */
async function commitBatch(session: Session, mode: Mode, batch: Pending[], sink?: CapacitySink): Promise<void> {
  const capacity = session.registration.capacity[mode];
  const days = retentionDays();
  let live = batch;
  let landedSuspected = false;
  // A transaction is all or nothing: if the first registration of the batch is stored,
  // an earlier attempt landed, and the stored rows (not what was last built) are the answer.
  const answerFromStore = async () => {
    if (live.length === 0 || !(await findRegistration(live[0].base.id))) return false;
    const stored = await Promise.all(live.map((p) => findRegistration(p.base.id)));
    live.forEach((p, i) => p.resolve({ registration: stored[i]!, token: p.token }));
    return true;
  };
  await settle('register', async (uncertain) => {
    if ((uncertain || landedSuspected) && (await answerFromStore())) return true;
    const counter = await readCounter(session.number, mode);
    const free = counter.waiting === 0 ? Math.max(0, capacity - counter.confirmed) : 0;
    let { confirmed, waiting, seq } = counter;
    const built = live.map((p, i): Registration => {
      if (i < free) {
        confirmed += 1;
        return p.base;
      }
      seq += 1;
      waiting += 1;
      return { ...p.base, status: 'waitlisted', waitSeq: seq, waitlistPosition: waiting };
    });
    const expiresAt = built[0].expiresAt;
    const items: Labelled[] = [
      {
        label: 'counter',
        item: {
          Update: {
            TableName,
            Key: counterKey(session.number, mode),
            UpdateExpression: 'SET confirmed = :c, waiting = :w, seq = :s, expiresAt = :exp',
            // Exactly the values read: no seat sold twice, no ticket or position given twice.
            ConditionExpression: counter.exists ? 'confirmed = :rc AND waiting = :rw AND seq = :rs' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: {
              ':c': confirmed,
              ':w': waiting,
              ':s': seq,
              ':exp': expiresAt,
              ...(counter.exists ? { ':rc': counter.confirmed, ':rw': counter.waiting, ':rs': counter.seq } : {}),
            },
          },
        },
      },
    ];
    for (const [i, reg] of built.entries()) {
      const p = live[i];
      const message = reg.status === 'confirmed' ? p.confirmedNotice : await notice('waitlisted', reg, { link: p.link, days });
      items.push(
        {
          label: `registration#${i}`,
          item: {
            Put: {
              TableName,
              Item: {
                ...registrationKey(reg.id),
                ...reg,
                sessionKey: sessionIndexKey(session.number),
                createdKey: reg.id,
                codeKey: codeIndexKey(session.number, reg.confirmationCode),
                ...(reg.waitSeq ? { waitKey: waitIndexKey(session.number, mode), waitOrder: waitOrderKey(reg.waitSeq) } : {}),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        { label: `email#${i}`, item: { Put: { TableName, Item: { ...p.guardKey, registrationId: reg.id, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } } },
        { label: `outbox#${i}`, item: outboxPut(message, new Date(reg.createdAt)) },
      );
      if (reg.waitSeq) {
        items.push({
          label: `queue#${i}`,
          item: { Put: { TableName, Item: { ...waitQueueKey(session.number, mode, reg.waitSeq), registrationId: reg.id, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
        });
      }
    }
    const outcome = await transact(items, sink && ((units) => sink(units / built.length)));
    if (outcome === 'ok') {
      live.forEach((p, i) => p.resolve({ registration: built[i], token: p.token }));
      return true;
    }
    if (outcome === 'counter' || outcome === RETRY) return RETRY;
    if (/^(registration|queue)#\d+$/.test(String(outcome))) {
      // Only an earlier attempt of this very batch can have written these ids.
      landedSuspected = true;
      return RETRY;
    }
    const duplicate = /^email#(\d+)$/.exec(String(outcome));
    if (duplicate) {
      // That person already holds an active registration: refuse them, retry the others.
      const index = Number(duplicate[1]);
      live[index].reject(new Conflict('registration.duplicate', { session: session.number }));
      live = live.filter((_, i) => i !== index);
      return live.length === 0 ? true : RETRY;
    }
    throw new Error(`registration transaction refused by ${String(outcome)}`);
  });
}

// ---- cancel --------------------------------------------------------------------------

async function firstWaiting(session: number, mode: Mode): Promise<Registration | undefined> {
  // The head of the queue, read consistently from the base table (an index could lag
  // a fresh waitlisting and promote the second person before the first).
  const { Items } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :q',
        ExpressionAttributeValues: { ':q': waitQueueKey(session, mode, 0).pk },
        ConsistentRead: true,
        Limit: 1,
      }),
    ),
  );
  const head = Items?.[0];
  return head ? findRegistration(String(head.registrationId)) : undefined;
}

export interface Cancelled {
  registration: Registration;
  promoted?: Registration;
}

/** The transaction entry that removes a waiting person's queue item (still theirs). */
const leaveQueue = (session: number, mode: Mode, reg: Registration) => ({
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

/** The transaction entry that takes one person off a mode's waiting count. */
const oneFewerWaiting = (session: number, mode: Mode) => ({
  label: 'counter',
  item: {
    Update: {
      TableName,
      Key: counterKey(session, mode),
      UpdateExpression: 'ADD waiting :minus',
      ConditionExpression: 'waiting > :zero',
      ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
    },
  },
});

/**
 * Cancels a registration. A confirmed seat passes, in the same transaction, to the first
 * waitlisted registration of that mode (conditional on it still waiting and still at the
 * head of the queue); with nobody waiting the seat returns to the counter.
 */
export async function cancel(id: string, now: Date, sink?: CapacitySink): Promise<Cancelled> {
  return settle('cancel', async (uncertain) => {
    const reg = await getRegistration(id);
    if (reg.status === 'cancelled' && uncertain) return { registration: reg }; // our timed-out attempt landed
    if (reg.status === 'cancelled') throw new Conflict('registration.notActive');
    if (reg.checkedInAt) throw new Conflict('registration.checkedInCannotCancel');
    const session = reg.sessionNumber;
    const mode = reg.attendance;
    const cancelled: Registration = { ...reg, status: 'cancelled', cancelledAt: now.toISOString() };
    const items: Labelled[] = [
      {
        label: 'registration',
        item: {
          Update: {
            TableName,
            Key: registrationKey(id),
            UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now REMOVE waitKey, waitOrder',
            ConditionExpression: '#status = :was AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':now': cancelled.cancelledAt, ':was': reg.status },
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
      { label: 'outbox', item: outboxPut(await notice('cancelled', cancelled), now) },
    ];
    let promoted: Registration | undefined;
    if (reg.status === 'waitlisted') {
      items.push(oneFewerWaiting(session, mode), leaveQueue(session, mode, reg));
    } else {
      const next = await firstWaiting(session, mode);
      // The head must still be waiting (and, with the queue read consistently, never the
      // person cancelling): otherwise read again.
      if (next && (next.status !== 'waitlisted' || next.id === id)) return RETRY;
      if (next) {
        promoted = { ...next, status: 'confirmed', promotedAt: now.toISOString() };
        items.push(
          {
            label: 'promoted',
            item: {
              Update: {
                TableName,
                Key: registrationKey(next.id),
                UpdateExpression: 'SET #status = :confirmed, promotedAt = :now REMOVE waitKey, waitOrder',
                ConditionExpression: '#status = :waitlisted',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':now': promoted.promotedAt },
              },
            },
          },
          // The seat passes on: confirmed stays, one fewer waits.
          oneFewerWaiting(session, mode),
          leaveQueue(session, mode, next),
          { label: 'outbox', item: outboxPut(await notice('promoted', promoted), now) },
        );
      } else {
        items.push({
          label: 'counter',
          item: {
            Update: {
              TableName,
              Key: counterKey(session, mode),
              UpdateExpression: 'ADD confirmed :minus',
              // Nobody may be waiting when a seat returns to the pool (the index may lag
              // a fresh waitlisting: then this fails and the cancel looks again).
              ConditionExpression: 'confirmed > :zero AND waiting = :zero',
              ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
            },
          },
        });
      }
    }
    const outcome = await transact(items, sink);
    if (outcome === 'ok') return { registration: cancelled, promoted };
    // Anything that moved under us (the registration itself, the candidate, the counter):
    // read again and decide again; a real state conflict surfaces on the next read.
    if (outcome === 'outbox') throw new Error('outbox id collision');
    return RETRY;
  });
}

// ---- check-in ----------------------------------------------------------------------

export async function checkIn(session: number, code: string, now: Date): Promise<Registration> {
  const { Items } = await guarded(() =>
    ddb.send(
      new QueryCommand({ TableName, IndexName: 'byCode', KeyConditionExpression: 'codeKey = :c', ExpressionAttributeValues: { ':c': codeIndexKey(session, code) } }),
    ),
  );
  const found = (Items ?? []).map(strip);
  if (found.length === 0) throw new NotFound('registration.codeNotFound', { session, code });
  // 40-bit codes collide with negligible odds; if they ever do, the active one is meant.
  const reg = found.find((r) => r.status === 'confirmed') ?? found[0];
  return settle('check-in', async (uncertain) => {
    try {
      const { Attributes } = await ddb.send(
        new UpdateCommand({
          TableName,
          Key: registrationKey(reg.id),
          UpdateExpression: 'SET checkedInAt = :now',
          ConditionExpression: '#status = :confirmed AND attribute_not_exists(checkedInAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':confirmed': 'confirmed' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip(Attributes!);
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TransactionConflictException') return RETRY;
      if (name === 'ConditionalCheckFailedException') {
        const current = await getRegistration(reg.id);
        if (current.checkedInAt && uncertain) return current; // our timed-out attempt landed
        if (current.checkedInAt) throw new Conflict('registration.alreadyCheckedIn', { code, at: current.checkedInAt });
        throw new Conflict('registration.notConfirmed', { status: current.status });
      }
      return guarded(() => Promise.reject(error));
    }
  });
}
