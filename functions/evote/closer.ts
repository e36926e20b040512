// The automatic close: invoked by the EventBridge Scheduler one-time schedule created
// on open (and locally by the timer in local/background.ts) with { ballotId }.
// Idempotent: a ballot already closed is left as it is. A schedule that fires a moment
// before closesAt by this function's clock waits the difference rather than skip, so
// the only close event of the ballot is never lost.
import type { Context } from 'aws-lambda';
import { clock } from '../shared/clock';
import { logContext, logger } from '../shared/logger';
import { closeBallot, getBallot } from './store';

/** Longest early arrival we wait out; anything earlier is a schedule for another time. */
const MAX_WAIT_MS = 60_000;

export async function handler(event: { ballotId: string }, context?: Context): Promise<{ ballotId: string; status: string }> {
  logContext(context);
  if (typeof event?.ballotId !== 'string' || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(event.ballotId)) {
    logger.error('closer called without a ballot id');
    return { ballotId: String(event?.ballotId), status: 'invalid' };
  }
  const before = await getBallot(event.ballotId);
  const early = Date.parse(before.closesAt) - clock.now().getTime();
  if (before.status === 'open' && early > 0 && early <= MAX_WAIT_MS) await new Promise((r) => setTimeout(r, early + 50));
  const ballot = await closeBallot(event.ballotId, 'schedule', () => clock.now());
  logger.info('ballot close checked', { ballotId: ballot.id, status: ballot.status });
  return { ballotId: ballot.id, status: ballot.status };
}
