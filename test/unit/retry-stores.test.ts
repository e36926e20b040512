// The E-Vote and hearings stores' lost-race branches through the one retry policy
// (shared/retry.ts, issue 12), with a fake client and no DynamoDB: transactions
// cancelled with TransactionConflict are retried and succeed; a transaction of unknown
// outcome is sent again as it was, with the same ClientRequestToken; a failed condition
// keeps its domain answer (409 and its message key); an exhausted budget is a 503
// counted in retryStats and in the RetryBudgetExhausted metric.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

// The stores read their table names when loaded.
vi.hoisted(() => {
  process.env.EVOTE_TABLE ??= 'evote-unit';
  process.env.HEARINGS_TABLE ??= 'hearings-unit';
  process.env.OUTBOX_TABLE ??= 'outbox-unit';
});

import * as evote from '../../functions/evote/store';
import * as hearings from '../../functions/hearings/store';
import type { HearingRequest } from '../../functions/hearings/request';
import { Conflict, Unavailable } from '../../functions/shared/errors';
import { metrics } from '../../functions/shared/metrics';
import { BudgetExhausted, fixedBudget, resetRetryStats, retryStats } from '../../functions/shared/retry';

const BALLOT = '01JTESTTESTTESTTESTTESTTES';
const NOW = new Date('2030-01-01T10:00:00Z');
/** Generous: bounded by work (a fixed number of injected failures), the budget is a safety net. */
const PLENTY = () => fixedBudget(60_000);

const cancelled = (items: number, code: string, at = 0) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: Array.from({ length: items }, (_, i) => ({ Code: i === at ? code : 'None' })),
  });
const timeout = () => Object.assign(new Error('timed out'), { name: 'TimeoutError' });

type Fault = (command: object, n: number) => Error | undefined;

/** A client whose transactions fail as `fault` says; the rest succeeds (reads answer `item`). */
function fake(fault: Fault, item?: Record<string, unknown>) {
  const transactions: { token?: string; items: string }[] = [];
  const client = {
    send: async (command: object) => {
      if (command instanceof GetCommand) return { Item: item };
      const n = transactions.length;
      if (command instanceof TransactWriteCommand) transactions.push({ token: command.input.ClientRequestToken, items: JSON.stringify(command.input.TransactItems) });
      else transactions.push({ items: JSON.stringify((command as UpdateCommand).input) });
      const error = fault(command, n);
      if (error) throw error;
      return command instanceof UpdateCommand ? { Attributes: item } : {};
    },
  };
  return { client: client as never, transactions };
}

let restore: (() => void)[] = [];
const useEvote = (client: never) => restore.push(((previous) => () => evote.useClient(previous))(evote.useClient(client)));
const useHearings = (client: never) => restore.push(((previous) => () => hearings.useClient(previous))(hearings.useClient(client)));
beforeEach(() => resetRetryStats());
afterEach(() => {
  for (const undo of restore.reverse()) undo();
  restore = [];
  vi.restoreAllMocks();
});

describe('a vote under lost races', () => {
  const cast = (options: evote.RetryOptions = { budget: PLENTY() }) => evote.castVote(BALLOT, 'c-mx', { choice: 'yes' }, () => NOW, options);

  it('is retried after TransactionConflict cancellations and then succeeds, each attempt with its own token', async () => {
    const f = fake((c, n) => (n < 3 ? cancelled(2, 'TransactionConflict') : undefined), { kind: 'named' });
    useEvote(f.client);
    await expect(cast()).resolves.toMatchObject({ ballotId: BALLOT, choice: 'yes' });
    expect(f.transactions).toHaveLength(4);
    expect(retryStats).toMatchObject({ conflicts: 3, retries: 3, exhausted: 0 });
    expect(new Set(f.transactions.map((t) => t.token)).size).toBe(4);
  });

  it('after an outcome it cannot know, sends the same transaction with the same token (no "503, then already voted")', async () => {
    const f = fake((c, n) => (n === 0 ? timeout() : undefined), { kind: 'named' });
    useEvote(f.client);
    await expect(cast()).resolves.toMatchObject({ choice: 'yes', castAt: NOW.toISOString() });
    expect(f.transactions).toHaveLength(2);
    expect(f.transactions[1]).toEqual(f.transactions[0]);
    expect(f.transactions[0].token).toMatch(/^[\w-]{1,36}$/);
    expect(retryStats.unknown).toBe(1);
  });

  it('keeps its domain answer: a second vote is 409 evote.alreadyVoted at once, not retried', async () => {
    const f = fake(() => cancelled(2, 'ConditionalCheckFailed', 1), { kind: 'named' });
    useEvote(f.client);
    const error = await cast().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({ status: 409, key: 'evote.alreadyVoted' });
    expect(f.transactions).toHaveLength(1);
    expect(retryStats.retries).toBe(0);
  });

  it('answers 503 when the budget ends while it still loses, counted in retryStats and the RetryBudgetExhausted metric', async () => {
    const added = vi.spyOn(metrics, 'addMetric');
    const f = fake(() => cancelled(2, 'TransactionConflict'), { kind: 'named' });
    useEvote(f.client);
    const error = await cast({ budget: fixedBudget(50) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhausted);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Unavailable).status).toBe(503);
    expect(retryStats.exhausted).toBe(1);
    expect(retryStats.conflicts).toBe(f.transactions.length);
    expect(added).toHaveBeenCalledWith('RetryBudgetExhausted', expect.anything(), 1);
  });
});

describe('a hearing decision under lost races', () => {
  const previous = { id: '01JREQUESTREQUESTREQUESTRE', status: 'submitted', version: 3, sessionNumber: 190, history: [], states: ['MX'] } as unknown as HearingRequest;
  const next = { ...previous, status: 'accepted', version: 4 } as HearingRequest;
  const entries = [{ at: NOW.toISOString(), status: 'accepted' as const, by: 'secretariat' }];
  const mail = { to: 'applicant@example.org', subject: 'Decision', text: 'Accepted', language: 'es' } as never;
  const decide = (options: hearings.RetryOptions = { budget: PLENTY() }) => hearings.applyDecision(next, previous, entries, mail, NOW, options);

  it('is retried after TransactionConflict cancellations and then succeeds', async () => {
    const f = fake((c, n) => (n < 2 ? cancelled(2, 'TransactionConflict') : undefined));
    useHearings(f.client);
    await expect(decide()).resolves.toMatchObject({ status: 'accepted', version: 4 });
    expect(f.transactions).toHaveLength(3);
    expect(retryStats).toMatchObject({ conflicts: 2, exhausted: 0 });
  });

  it('after an outcome it cannot know, sends the same transaction with the same token', async () => {
    const f = fake((c, n) => (n === 0 ? timeout() : undefined));
    useHearings(f.client);
    await expect(decide()).resolves.toMatchObject({ status: 'accepted' });
    expect(f.transactions).toHaveLength(2);
    expect(f.transactions[1]).toEqual(f.transactions[0]);
  });

  it('keeps its domain answer: a decision on a request that changed is 409 hearing.changed', async () => {
    const f = fake(() => cancelled(2, 'ConditionalCheckFailed'));
    useHearings(f.client);
    await expect(decide()).rejects.toMatchObject({ status: 409, key: 'hearing.changed' });
    expect(f.transactions).toHaveLength(1);
  });

  it('answers 503 when the budget ends while it still loses', async () => {
    const f = fake(() => cancelled(2, 'TransactionConflict'));
    useHearings(f.client);
    await expect(decide({ budget: fixedBudget(50) })).rejects.toBeInstanceOf(BudgetExhausted);
    expect(retryStats.exhausted).toBe(1);
  });

  it('a withdrawal of unknown outcome that landed is answered from the stored request', async () => {
    const entry = { at: NOW.toISOString(), status: 'withdrawn' as const, by: 'owner-sub' };
    const stored = { ...previous, pk: 'x', sk: 'y', status: 'withdrawn', version: 4, history: [entry] };
    const f = fake((c, n) => (n === 0 ? timeout() : undefined), stored);
    useHearings(f.client);
    await expect(hearings.withdrawRequest(previous.id, 'owner-sub', entry, NOW, { budget: PLENTY() })).resolves.toMatchObject({ status: 'withdrawn', version: 4 });
    // One write: the read-back found it landed, so it was not sent again (and refused by its own landing).
    expect(f.transactions).toHaveLength(1);
  });
});
