// The one retry policy for lost races against DynamoDB (issue 12). Every context that
// retries a write goes through `retrying`:
//  - one classification of what went wrong (`classify`): a transaction cancelled for a
//    conflict with another one, a throttle, a failed condition (a real answer, never
//    retried here), an outcome we cannot know (timeout, dropped connection, a retried
//    transaction still in progress), or a bug;
//  - full-jitter exponential backoff;
//  - a budget bounded by the function's own remaining time (Lambda's
//    context.getRemainingTimeInMillis()) minus a margin that leaves room for the
//    slowest single call the SDK may still make (its own attempts x request timeout)
//    and for answering. A request therefore never outlives its function: it answers
//    from what it knows instead of being cut off into a gateway 503 of unknown outcome.
// Attempts whose outcome is unknown are re-run with `uncertain = true`: the attempt must
// first read back the stored state (by its own id or idempotency key) and answer from it.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { Unavailable } from './errors';
import { logger } from './logger';
import { countMetric } from './metrics';
import type { DocClient } from './ddb';
import { cancellationReasons, isConditionFailure, isUnavailable } from './store-errors';

/** What a failed call means for a retry loop. */
export type Failure =
  /** TransactionConflict (cancellation reason or a single write's TransactionConflictException): go again. */
  | 'conflict'
  /** ThrottlingError / ProvisionedThroughputExceeded: go again, later. */
  | 'throttle'
  /** ConditionalCheckFailed: the state is not what the write expected; a real answer. */
  | 'condition'
  /** Timeout, network, TransactionInProgress, 5xx: the write may or may not have landed. */
  | 'unknown'
  /** Anything else: a bug, propagated. */
  | 'fatal';

export interface Classified {
  failure: Failure;
  /** For a cancelled transaction: one code per item ('None' where the item was fine). */
  reasons?: string[];
  /** For 'condition' in a transaction: the index of the first item whose condition failed. */
  failedIndex?: number;
}

/** One classification of DynamoDB failures for every store. */
export function classify(error: unknown): Classified {
  const reasons = cancellationReasons(error);
  if (reasons) {
    // A condition failure is an answer even when another item of the same transaction
    // also conflicted: re-reading will show why.
    const failedIndex = reasons.findIndex((r) => r === 'ConditionalCheckFailed');
    if (failedIndex >= 0) return { failure: 'condition', reasons, failedIndex };
    if (reasons.some((r) => r === 'TransactionConflict')) return { failure: 'conflict', reasons };
    if (reasons.some((r) => r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded')) return { failure: 'throttle', reasons };
    return { failure: 'unknown', reasons };
  }
  // A store read that already said "unreachable" (shared/ddb.ts guarded).
  if (error instanceof Unavailable) return { failure: 'unknown' };
  const name = (error as { name?: string })?.name;
  if (isConditionFailure(error)) return { failure: 'condition' };
  if (name === 'TransactionConflictException') return { failure: 'conflict' };
  if (name === 'ThrottlingException' || name === 'ProvisionedThroughputExceededException' || name === 'RequestLimitExceeded') return { failure: 'throttle' };
  // A transaction retried with its ClientRequestToken while the first try still runs:
  // it may yet commit.
  if (name === 'TransactionInProgressException') return { failure: 'unknown' };
  if (isUnavailable(error)) return { failure: 'unknown' };
  return { failure: 'fatal' };
}

/** The time a request may still spend, from the Lambda context when there is one. */
export interface Budget {
  /** Milliseconds left for starting another attempt (already net of the margin). */
  left(): number;
}

/** The longest one call on shared/ddb.ts raceDdb may take: 1 attempt x (connect 1 s + request 10 s). */
export const SDK_CALL_WORST_MS = 1_000 + 10_000;
/** Room kept to read back, compensate and answer after the last attempt. */
export const ANSWER_MARGIN_MS = 1_500;
/** Without a Lambda context (tests, scripts, compensation): what a request may spend in all (the registration function's timeout). */
const DEFAULT_BUDGET_MS = 29_000;

interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/**
 * The budget of one request: the function's remaining time minus the worst single call
 * and the answer margin. Read live, so a runtime that counts down (Lambda, and the local
 * runtime once it enforces the manifest's timeout) bounds the retries truly.
 */
export function budgetOf(context?: Partial<RemainingTime> | null, now: () => number = Date.now): Budget {
  const reserve = SDK_CALL_WORST_MS + ANSWER_MARGIN_MS;
  if (context && typeof context.getRemainingTimeInMillis === 'function') {
    const remaining = context.getRemainingTimeInMillis.bind(context);
    // Also bounded by the wall clock from the first reading, so a context that does not
    // count down (a stand-in runtime) cannot make the retries endless.
    const end = now() + remaining();
    return { left: () => Math.min(remaining(), end - now()) - reserve };
  }
  const end = now() + DEFAULT_BUDGET_MS;
  return { left: () => end - now() - reserve };
}

/** A fixed budget (tests and benchmarks). */
export const fixedBudget = (ms: number, now: () => number = Date.now): Budget => {
  const end = now() + ms;
  return { left: () => end - now() };
};

/** Returned by an attempt that lost a race and should simply go again. */
export const RETRY = Symbol('retry');
export type Attempt<T> = (state: { n: number; uncertain: boolean }) => Promise<T | typeof RETRY>;

/** Counters of this process (benchmarks and tests read them; logs carry no personal data). */
export const retryStats = { conflicts: 0, throttles: 0, unknown: 0, retries: 0, exhausted: 0 };
export const resetRetryStats = () => {
  for (const key of Object.keys(retryStats) as (keyof typeof retryStats)[]) retryStats[key] = 0;
};

/** Raised when the budget ends while the last attempt still lost a race. */
export class BudgetExhausted extends Unavailable {
  constructor(readonly uncertain: boolean) {
    super(1);
  }
}

const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 400;
export const backoffMs = (n: number, random: () => number = Math.random) => random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 12));

export interface RetryOptions {
  budget: Budget;
  /** Sleeps between attempts (tests pass a fake). */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
}

/**
 * Runs `attempt` until it returns a value, throws something that is not a lost race,
 * or the budget ends (BudgetExhausted, a 503 the caller may still turn into an answer
 * from the stored state). Conflicts, throttles and unknown outcomes thrown by the
 * attempt are retried; the next attempt is told when an earlier outcome was unknown.
 */
export async function retrying<T>(what: string, attempt: Attempt<T>, options: RetryOptions): Promise<T> {
  const pause = options.sleep ?? sleep;
  let uncertain = false;
  for (let n = 0; ; n++) {
    let result: T | typeof RETRY;
    try {
      result = await attempt({ n, uncertain });
    } catch (error) {
      const { failure } = classify(error);
      if (failure === 'conflict') retryStats.conflicts++;
      else if (failure === 'throttle') retryStats.throttles++;
      else if (failure === 'unknown') {
        retryStats.unknown++;
        uncertain = true;
        logger.debug('outcome unknown', { what, error: (error as Error)?.name });
      } else throw error;
      result = RETRY;
    }
    if (result !== RETRY) {
      if (n > 0) logger.debug('settled after retries', { what, retries: n });
      return result;
    }
    const wait = backoffMs(n, options.random);
    if (options.budget.left() < wait) {
      retryStats.exhausted++;
      countMetric('RetryBudgetExhausted');
      logger.warn('retry budget exhausted', { what, retries: n, uncertain });
      throw new BudgetExhausted(uncertain);
    }
    retryStats.retries++;
    await pause(wait);
  }
}

/** A read that rides over lost races and blips within the budget. */
export const patiently = <T>(what: string, read: () => Promise<T>, budget: Budget): Promise<T> => retrying(what, () => read(), { budget });

/**
 * The ClientRequestToken of one logical transaction retried by `retrying`. While an
 * attempt's outcome is unknown (timeout, dropped connection, TransactionInProgress) the
 * same write is sent again with the same token, so DynamoDB answers it as the first one
 * did (success without applying twice, within its 10-minute window) instead of the
 * retry meeting its own write as a failed condition ("503, then 409"). After a definite
 * answer the write is built afresh, with a new token (a refused token is not reused).
 */
export class IdempotentWrite<W> {
  private held?: W & { token: string };
  /** The write of unknown outcome to send again (with its token), else a fresh one from `build`. */
  async next(build: () => W | Promise<W>): Promise<W & { token: string; repeat: boolean }> {
    const held = this.held;
    this.held = undefined;
    if (held) return { ...held, repeat: true };
    return { ...(await build()), token: randomUUID(), repeat: false };
  }
  /** After the write failed: keep it for resending when its outcome is unknown. */
  failed(write: W & { token: string }, error: unknown): void {
    if (classify(error).failure === 'unknown') this.held = write;
  }
}

export type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/**
 * A conditional transaction through the policy: a collision with another transaction in
 * flight is retried within the budget and then meets the condition's real verdict
 * (`onCondition`, the domain's answer) instead of a spurious 503; a transaction of unknown
 * outcome is sent again with its ClientRequestToken, so it cannot apply twice nor fail on
 * its own landing.
 */
export function transactRetrying(client: DocClient, what: string, items: TransactItems, onCondition: (error: unknown) => Error, budget: Budget = budgetOf()): Promise<void> {
  const write = new IdempotentWrite<object>();
  return retrying(
    what,
    async () => {
      const w = await write.next(() => ({}));
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: w.token }));
      } catch (error) {
        write.failed(w, error);
        if (classify(error).failure === 'condition') throw onCondition(error);
        throw error; // conflicts, throttles, unknown outcomes: the policy's
      }
    },
    { budget },
  );
}
