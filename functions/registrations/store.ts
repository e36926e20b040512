// The only module that speaks DynamoDB for registrations. Capacity is an invariant of
// the store, not of the code around it: the seat counter, the registration and the
// one-per-email guard change together in ONE TransactWriteItems, each guarded by a
// condition; a lost race re-reads the counter and tries again. TransactionConflict
// (two transactions on the same counter at once) is retried here with jittered
// backoff, within a time bound, so a legitimate request never sees it.
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { outboxPut } from '../notifications/outbox';
import { readConfig, shared, tableNameOf } from '../shared/config';
import { ddb, guarded } from '../shared/ddb';
import { Conflict, NotFound, Unavailable } from '../shared/errors';
import { logger } from '../shared/logger';
import { cancellationReasons } from '../shared/store-errors';
import type { Session } from '../sessions/session';
import './messages';
import { manageLink, notice } from './notices';
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
} from './table';

const TableName = tableNameOf(registrationsTable);

export const config = readConfig({
  /** Days attendee records are kept after the session ends (DynamoDB TTL). */
  DOCKET_RETENTION_DAYS: z._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number)), 90),
});
export const retentionDays = (): number => config.DOCKET_RETENTION_DAYS;

export interface Counter {
  confirmed: number;
  waiting: number;
  /** Last waiting-list ticket issued (orders the list; never reused). */
  seq: number;
}

// ---- retries ---------------------------------------------------------------------

/** How long a request may keep retrying lost races before answering 503. */
const RETRY_BUDGET_MS = 20_000;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 250;

/**
 * A bulkhead: at most GATE_WIDTH register attempts per counter in flight from one
 * process. Lambda runs one request per instance, so there it never waits; the local
 * runtime and the benchmark run hundreds of requests in one process, and without it a
 * burst floods DynamoDB Local (which runs transactions one at a time) until the SDK's
 * 3 s timeout fires. Attempts from different processes still race, and the conditions
 * on the counter, not this gate, are what keep capacity and positions right.
 */
const GATE_WIDTH = 4;
const gates = new Map<string, { inFlight: number; queue: (() => void)[] }>();
async function gated<T>(key: string, work: () => Promise<T>): Promise<T> {
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = { inFlight: 0, queue: [] }));
  if (gate.inFlight >= GATE_WIDTH) await new Promise<void>((resume) => gate!.queue.push(resume));
  else gate.inFlight += 1;
  try {
    return await work();
  } finally {
    const next = gate.queue.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else if (--gate.inFlight === 0) gates.delete(key);
  }
}

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
    if (name === 'TransactionConflictException' || name === 'TransactionInProgressException') return RETRY;
    return guarded(() => Promise.reject(error));
  }
}

/** Capacity units the last operations consumed (benchmarks pass a sink). */
export type CapacitySink = (units: number) => void;

// ---- reads -----------------------------------------------------------------------

export async function readCounter(session: number, mode: Mode): Promise<Counter> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: counterKey(session, mode), ConsistentRead: true })));
  return { confirmed: Number(Item?.confirmed ?? 0), waiting: Number(Item?.waiting ?? 0), seq: Number(Item?.seq ?? 0) };
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
  const { Count } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        IndexName: 'waitlist',
        KeyConditionExpression: 'waitKey = :k AND waitOrder < :mine',
        ExpressionAttributeValues: { ':k': waitIndexKey(reg.sessionNumber, reg.attendance), ':mine': waitOrderKey(reg.waitSeq!) },
        Select: 'COUNT',
      }),
    ),
  );
  return (Count ?? 0) + 1;
}

export async function listRegistrations(session: number): Promise<Registration[]> {
  const items: Registration[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() =>
      ddb.send(
        new QueryCommand({
          TableName,
          IndexName: 'bySession',
          KeyConditionExpression: 'sessionKey = :s',
          ExpressionAttributeValues: { ':s': sessionIndexKey(session) },
          ExclusiveStartKey,
        }),
      ),
    );
    items.push(...(page.Items ?? []).map(strip));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

// ---- register ----------------------------------------------------------------------

export interface Registered {
  registration: Registration;
  token: string;
}

/**
 * Registers one person. Confirmed while seats remain (and nobody waits), else waitlisted
 * with the next ticket; positions are contiguous because the waitlist branch commits
 * only if the counter still holds exactly the values it read.
 */
export async function register(session: Session, input: RegistrationInput, now: Date, sink?: CapacitySink): Promise<Registered> {
  const mode = input.attendance;
  const capacity = session.registration.capacity[mode];
  const token = newToken();
  const id = ulid(now.getTime());
  const expiresAt = expiryOf(session, retentionDays());
  const guardKey = emailGuardKey(session.number, emailHash(session.number, input.email));
  const base: Registration = {
    ...input,
    id,
    sessionNumber: session.number,
    status: 'confirmed',
    confirmationCode: newConfirmationCode(),
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
    expiresAt,
  };
  const link = manageLink(shared.SITE_ORIGIN, id, token);
  const days = retentionDays();
  // Rendered once: the QR does not change between attempts, only the status may.
  const confirmedNotice = await notice('confirmed', base, { link, days });

  return settle('register', (uncertain) => gated(`${session.number}#${mode}`, async () => {
    if (uncertain) {
      // An earlier attempt timed out: if it landed, that is the answer.
      const landed = await findRegistration(id);
      if (landed) return { registration: landed, token };
    }
    const counter = await readCounter(session.number, mode);
    const seatFree = counter.confirmed < capacity && counter.waiting === 0;
    const registration: Registration = seatFree
      ? base
      : { ...base, status: 'waitlisted', waitSeq: counter.seq + 1, waitlistPosition: counter.waiting + 1 };
    const counterUpdate = seatFree
      ? {
          Update: {
            TableName,
            Key: counterKey(session.number, mode),
            UpdateExpression: 'SET waiting = if_not_exists(waiting, :zero), seq = if_not_exists(seq, :zero), expiresAt = :exp ADD confirmed :one',
            ConditionExpression: '(attribute_not_exists(confirmed) OR confirmed < :cap) AND (attribute_not_exists(waiting) OR waiting = :zero)',
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': capacity, ':exp': expiresAt },
          },
        }
      : {
          Update: {
            TableName,
            Key: counterKey(session.number, mode),
            UpdateExpression: 'SET seq = :seq, waiting = :waiting, expiresAt = :exp',
            // Exactly the values read: two requests can never take the same ticket or position.
            ConditionExpression: 'seq = :read AND waiting = :readWaiting AND (confirmed >= :cap OR waiting > :zero)',
            ExpressionAttributeValues: {
              ':seq': counter.seq + 1,
              ':waiting': counter.waiting + 1,
              ':read': counter.seq,
              ':readWaiting': counter.waiting,
              ':cap': capacity,
              ':zero': 0,
              ':exp': expiresAt,
            },
          },
        };
    const message = seatFree ? confirmedNotice : await notice('waitlisted', registration, { link, days });
    const outcome = await transact(
      [
        { label: 'counter', item: counterUpdate },
        {
          label: 'registration',
          item: {
            Put: {
              TableName,
              Item: {
                ...registrationKey(id),
                ...registration,
                sessionKey: sessionIndexKey(session.number),
                createdKey: id,
                codeKey: codeIndexKey(session.number, registration.confirmationCode),
                ...(registration.waitSeq ? { waitKey: waitIndexKey(session.number, mode), waitOrder: waitOrderKey(registration.waitSeq) } : {}),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        {
          label: 'email',
          item: { Put: { TableName, Item: { ...guardKey, registrationId: id, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
        },
        { label: 'outbox', item: outboxPut(message, now) },
      ],
      sink,
    );
    if (outcome === 'ok') return { registration, token };
    if (outcome === 'email') throw new Conflict('registration.duplicate', { session: session.number });
    if (outcome === 'counter' || outcome === RETRY) return RETRY;
    throw new Error(`registration transaction refused by ${String(outcome)}`);
  }));
}

// ---- cancel --------------------------------------------------------------------------

async function firstWaiting(session: number, mode: Mode): Promise<Registration | undefined> {
  const { Items } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        IndexName: 'waitlist',
        KeyConditionExpression: 'waitKey = :k',
        ExpressionAttributeValues: { ':k': waitIndexKey(session, mode) },
        ScanIndexForward: true,
        Limit: 1,
      }),
    ),
  );
  return Items?.[0] ? strip(Items[0]) : undefined;
}

export interface Cancelled {
  registration: Registration;
  promoted?: Registration;
}

/**
 * Cancels a registration. A confirmed seat passes, in the same transaction, to the first
 * waitlisted registration of that mode (conditional on it still waiting); with nobody
 * waiting the seat returns to the counter.
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
      items.push({
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
    } else {
      const next = await firstWaiting(session, mode);
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
          {
            // The seat passes on: confirmed stays, one fewer waits.
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
          },
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
