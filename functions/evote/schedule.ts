// The automatic close in AWS: on open, an EventBridge Scheduler one-time schedule
// `at(closesAt)` that invokes the closer with { ballotId } and deletes itself after.
// Locally the three variables are absent and the local runtime's timer closes due
// ballots instead (local/background.ts).
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod/mini';
import { readConfig } from '../shared/config';
import { Unavailable } from '../shared/errors';
import { logger } from '../shared/logger';

const config = readConfig({
  SCHEDULER_TARGET_ARN: z.optional(z.string().check(z.minLength(1))),
  SCHEDULER_ROLE_ARN: z.optional(z.string().check(z.minLength(1))),
  SCHEDULER_GROUP: z.optional(z.string().check(z.minLength(1))),
});

const enabled = !!(config.SCHEDULER_TARGET_ARN && config.SCHEDULER_ROLE_ARN);
const scheduler = enabled ? new SchedulerClient({ maxAttempts: 3 }) : undefined;

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second so it never fires early. */
export function atExpression(closesAt: string): string {
  const ms = Date.parse(closesAt);
  return `at(${new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19)})`;
}

export const scheduleName = (ballotId: string) => `ballot-close-${ballotId}`;

/**
 * Creates the one-time schedule; idempotent (a schedule that exists already is fine).
 * Called before the open is committed: a schedule whose open then failed fires into a
 * closer that does nothing for a ballot that is not open and due.
 */
export async function scheduleClose(ballotId: string, closesAt: string): Promise<'scheduled' | 'local'> {
  if (!scheduler) return 'local';
  try {
    await scheduler.send(
      new CreateScheduleCommand({
        Name: scheduleName(ballotId),
        GroupName: config.SCHEDULER_GROUP,
        ScheduleExpression: atExpression(closesAt),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: config.SCHEDULER_TARGET_ARN!,
          RoleArn: config.SCHEDULER_ROLE_ARN!,
          Input: JSON.stringify({ ballotId }),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    );
  } catch (error) {
    // Without its schedule a ballot would not close by itself: refuse to open (503).
    if (!(error instanceof ConflictException)) {
      logger.error('could not schedule the ballot close', { ballotId, error: (error as Error).name });
      throw new Unavailable();
    }
  }
  logger.info('ballot close scheduled', { ballotId, closesAt });
  return 'scheduled';
}
