// The ballot's timed work, invoked with { ballotId, action? } by the EventBridge
// Scheduler one-time schedules created on open (and locally by the timers in
// local/background.ts): action 'close' (the default) at closesAt, 'remind' a day before.
// Both are idempotent: a ballot already closed (or reminded, or void) is left as it is.
// It never waits inside the function (billed time): the schedule is set to a whole
// second after closesAt, and a close that still arrives early throws, so Lambda's own
// asynchronous retry (about a minute later) runs it again, and that run closes.
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { clock } from '../shared/clock';
import { logContext, logger } from '../shared/logger';
import { budgetOf } from '../shared/retry';
import { closeBallot, remindBallot } from './store';
import { lazySchema } from '../shared/lazy';

const Event = lazySchema(() => z.object({
  ballotId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  action: z._default(z.enum(['close', 'remind']), 'close'),
}));

/** Thrown so the asynchronous invocation is retried: the ballot is open and not yet due. */
export class EarlyClose extends Error {
  constructor(readonly ballotId: string) {
    super('ballot close arrived before closesAt');
    this.name = 'EarlyClose';
  }
}

export async function handler(event: unknown, context?: Context): Promise<{ ballotId: string; status: string; reminded?: number }> {
  logContext(context);
  const parsed = Event.safeParse(event);
  if (!parsed.success) {
    // Nothing to retry: a malformed event stays malformed.
    logger.error('closer called with an invalid event', { ballotId: String((event as { ballotId?: unknown })?.ballotId) });
    return { ballotId: String((event as { ballotId?: unknown })?.ballotId), status: 'invalid' };
  }
  const { ballotId, action } = parsed.data;
  if (action === 'remind') {
    const { ballot, reminded } = await remindBallot(ballotId, () => clock.now(), { budget: budgetOf(context) });
    logger.info('ballot reminder checked', { ballotId, status: ballot.status, reminded });
    return { ballotId, status: ballot.status, reminded };
  }
  const ballot = await closeBallot(ballotId, 'schedule', () => clock.now(), { budget: budgetOf(context) });
  if (ballot.status === 'open' && Date.parse(ballot.closesAt) > clock.now().getTime()) {
    logger.warn('ballot close arrived early; left to the retry', { ballotId });
    throw new EarlyClose(ballotId);
  }
  logger.info('ballot close checked', { ballotId: ballot.id, status: ballot.status });
  return { ballotId: ballot.id, status: ballot.status };
}
