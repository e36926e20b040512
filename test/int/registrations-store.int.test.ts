// The store's lost-race branches, made to run now (issue 12): a fake client in front of
// DynamoDB Local injects what DynamoDB does under contention — transactions cancelled
// with TransactionConflict, single-item writes refused with TransactionConflictException,
// calls that time out after they applied — and the invariants must hold anyway.
import { afterEach, describe, expect, it } from 'vitest';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { seedSessions } from '../../functions/sessions/seed';
import { toSession } from '../../functions/sessions/session';
import { raceDdb } from '../../functions/shared/ddb';
import { BudgetExhausted, classify, fixedBudget, resetRetryStats, retryStats } from '../../functions/shared/retry';
import * as store from '../../functions/registrations/store';

const run = Date.now().toString(36);
const session = (inPerson: number) => {
  const number = 200_000 + Math.floor(Math.random() * 700_000);
  return toSession({ ...seedSessions[3], number, registration: { ...seedSessions[3].registration, capacity: { in_person: inPerson, online: 0 } } } as never);
};
const person = (tag: string) => ({ name: `Fake ${tag}`, email: `fake.${tag}.${run}@example.org`, country: 'BR', attendance: 'in_person' as const, language: 'pt' as const, consentToPublish: false });
const NOW = new Date('2020-11-25T15:00:00Z');

type Rule = (command: object, n: number) => 'conflict' | 'cancel-conflict' | 'timeout-after' | 'timeout-before' | undefined;

/** A client that breaks calls as `rule` says and passes the rest to DynamoDB Local. */
function faulty(rule: Rule) {
  const counts = { calls: 0, injected: 0 };
  return {
    counts,
    client: {
      send: async (command: never) => {
        const n = counts.calls++;
        const fault = rule(command, n);
        if (fault) counts.injected++;
        if (fault === 'cancel-conflict') {
          const items = (command as TransactWriteCommand).input.TransactItems ?? [];
          throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: items.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })) });
        }
        if (fault === 'conflict') throw Object.assign(new Error('Transaction is ongoing for the item'), { name: 'TransactionConflictException' });
        if (fault === 'timeout-before') throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
        const out = await raceDdb.send(command);
        if (fault === 'timeout-after') throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
        return out;
      },
    },
  };
}

let restore: (() => void) | undefined;
const use = (client: { send: (command: never) => Promise<unknown> }) => {
  const previous = store.useClient(client as never);
  restore = () => store.useClient(previous);
};
afterEach(() => restore?.());

const isTransaction = (c: object) => c instanceof TransactWriteCommand;
const isCounterUpdate = (c: object) => c instanceof UpdateCommand && String((c as UpdateCommand).input.Key?.sk).startsWith('COUNTER#');

describe('one classification of lost races', () => {
  it('tells conflicts, throttles, failed conditions, unknown outcomes and bugs apart', () => {
    const cancelled = (...codes: string[]) => Object.assign(new Error('x'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(classify(cancelled('None', 'TransactionConflict')).failure).toBe('conflict');
    expect(classify(cancelled('TransactionConflict', 'ConditionalCheckFailed'))).toMatchObject({ failure: 'condition', failedIndex: 1 });
    expect(classify(cancelled('ThrottlingError')).failure).toBe('throttle');
    expect(classify(Object.assign(new Error('x'), { name: 'TransactionConflictException' })).failure).toBe('conflict');
    expect(classify(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' })).failure).toBe('condition');
    expect(classify(Object.assign(new Error('x'), { name: 'TimeoutError' })).failure).toBe('unknown');
    expect(classify(Object.assign(new Error('x'), { name: 'TransactionInProgressException' })).failure).toBe('unknown');
    expect(classify(new TypeError('bug')).failure).toBe('fatal');
  });
});

describe('registration under injected conflicts and timeouts', () => {
  it('every transaction cancelled once for a conflict, seat updates refused once: all register, exact seats, contiguous positions', async () => {
    const seen = new Set<string>();
    // Once per transaction (its items are built once) and once per registrant's counter update.
    const firstTime = (c: object) => {
      const input = (c as { input: { TransactItems?: unknown; ExpressionAttributeNames?: Record<string, string>; UpdateExpression?: string } }).input;
      // A counter update names the registrant's in-flight entry (held#<id>).
      const key = input.TransactItems ? JSON.stringify(input.TransactItems) : `${input.UpdateExpression}#${input.ExpressionAttributeNames?.['#held']}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const fake = faulty((c) => (isTransaction(c) && firstTime(c) ? 'cancel-conflict' : isCounterUpdate(c) && firstTime(c) ? 'conflict' : undefined));
    use(fake.client);
    resetRetryStats();
    const s = session(10);
    // A generous budget: bounded by work (each injection happens once), the budget is a safety net.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.register(s, person(`c${s.number}-${i}`), NOW, { budget: fixedBudget(120_000) })));
    expect(fake.counts.injected).toBeGreaterThanOrEqual(60);
    expect(retryStats.conflicts).toBeGreaterThanOrEqual(60);
    expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(10);
    const positions = results.filter((r) => r.registration.status === 'waitlisted').map((r) => r.registration.waitlistPosition).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await store.listRegistrations(s.number);
    expect(stored).toHaveLength(30);
    expect(await store.readCounter(s.number, 'in_person')).toMatchObject({ confirmed: 10, waiting: 20, seq: 20 });
  });

  it('a transaction that timed out after it committed is answered from the stored registration, not written twice', async () => {
    let hit = 0;
    use(faulty((c) => (isTransaction(c) && hit++ === 0 ? 'timeout-after' : undefined)).client);
    const s = session(5);
    const done = await store.register(s, person(`t${s.number}`), NOW);
    expect(done.registration.status).toBe('confirmed');
    expect(await store.listRegistrations(s.number)).toHaveLength(1);
    expect(await store.readCounter(s.number, 'in_person')).toMatchObject({ confirmed: 1 });
  });

  it('a seat update that timed out after it applied is found by its marker: one seat taken, not two', async () => {
    let hit = 0;
    use(faulty((c) => (isCounterUpdate(c) && hit++ === 0 ? 'timeout-after' : undefined)).client);
    const s = session(5);
    await store.register(s, person(`u${s.number}`), NOW);
    expect(await store.readCounter(s.number, 'in_person')).toMatchObject({ confirmed: 1 });
  });

  it('when the budget ends, nothing is half-kept: 503, the seat and the address are free again, and the id can never land', async () => {
    use(faulty((c) => (isTransaction(c) && !String(JSON.stringify((c as TransactWriteCommand).input)).includes('"COUNTER#') ? 'cancel-conflict' : undefined)).client);
    const s = session(1);
    const attempt = store.register(s, person(`b${s.number}`), NOW, { budget: fixedBudget(300) });
    await expect(attempt).rejects.toBeInstanceOf(BudgetExhausted);
    restore?.();
    restore = undefined;
    expect(await store.readCounter(s.number, 'in_person')).toMatchObject({ confirmed: 0, waiting: 0 });
    expect(await store.listRegistrations(s.number)).toHaveLength(0);
    // The same person can register now (the guard went back).
    const again = await store.register(s, person(`b${s.number}`), NOW);
    expect(again.registration.status).toBe('confirmed');
  });

  it('a repeat of the same request (same idempotency key) is answered with the first registration', async () => {
    const s = session(2);
    const first = await store.register(s, person(`i${s.number}`), NOW, { idempotencyKey: 'abcdefgh-1' });
    const again = await store.register(s, { ...person(`i${s.number}`), name: 'changed' }, NOW, { idempotencyKey: 'abcdefgh-1' });
    expect(again.replayed).toBe(true);
    expect(again.registration.id).toBe(first.registration.id);
    await expect(store.register(s, { ...person(`i${s.number}`), name: 'changed' }, NOW, { idempotencyKey: 'other-key-2' })).rejects.toMatchObject({ key: 'registration.duplicate' });
  });

  it('cancel with promotion rides over conflicts: the head of the queue gets the seat', async () => {
    const s = session(1);
    const a = await store.register(s, person(`p1${s.number}`), NOW);
    const b = await store.register(s, person(`p2${s.number}`), NOW);
    const c = await store.register(s, person(`p3${s.number}`), NOW);
    let hits = 0;
    use(faulty((cmd) => (isTransaction(cmd) && hits++ < 3 ? 'cancel-conflict' : undefined)).client);
    await store.cancel(a.registration.id, NOW);
    expect(hits).toBeGreaterThanOrEqual(4);
    expect((await store.findRegistration(b.registration.id))!.status).toBe('confirmed');
    expect(await store.currentPosition((await store.findRegistration(c.registration.id))!)).toBe(1);
    expect(await store.readCounter(s.number, 'in_person')).toMatchObject({ confirmed: 1, waiting: 1, cancelled: 1 });
  });
});

// Two doors scan the same code: the store recognised "its own" landed check-in by the
// time it wrote, so a second door asking at the same instant was told 200 as well (found
// by the second security review).
describe('one code at two doors', () => {
  it('is let in once, even when both doors ask at the same instant', async () => {
    const s = session(5);
    const { registration } = await store.register(s, person('door'), NOW);
    await store.verify(registration.id, NOW);
    const at = new Date(NOW.getTime() + 3_600_000);
    const doors = await Promise.allSettled([store.checkIn(s.number, registration.confirmationCode, at), store.checkIn(s.number, registration.confirmationCode, at)]);
    expect(doors.map((d) => d.status).sort()).toEqual(['fulfilled', 'rejected']);
    // And a third door later: refused.
    await expect(store.checkIn(s.number, registration.confirmationCode, at)).rejects.toMatchObject({ key: 'registration.alreadyCheckedIn' });
  });
});
