// The automatic close: invoked by the EventBridge Scheduler one-time schedule created
// on open (and locally by the timer in local/background.ts) with { ballotId }.
// Idempotent: a ballot already closed, or not yet due, is left as it is.
import { clock } from '../shared/clock';
import { logger } from '../shared/logger';
import { closeBallot } from './store';

export async function handler(event: { ballotId: string }): Promise<{ ballotId: string; status: string }> {
  if (typeof event?.ballotId !== 'string' || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(event.ballotId)) {
    logger.error('closer called without a ballot id');
    return { ballotId: String(event?.ballotId), status: 'invalid' };
  }
  const ballot = await closeBallot(event.ballotId, 'schedule', () => clock.now());
  logger.info('ballot close checked', { ballotId: ballot.id, status: ballot.status });
  return { ballotId: ballot.id, status: ballot.status };
}
