// The automatic close in AWS: on open, an EventBridge Scheduler one-time schedule
// `at(closesAt)` that invokes the closer with { ballotId } and deletes itself after.
// Locally the three variables are absent and the local runtime's timer closes due
// ballots instead (local/background.ts).
import type { SchedulerClient } from './scheduler-sdk';
import { optional, readConfig } from '../shared/config';
import { Unavailable } from '../shared/errors';
import { logger } from '../shared/logger';

const config = readConfig({
  SCHEDULER_TARGET_ARN: optional(1),
  SCHEDULER_ROLE_ARN: optional(1),
  SCHEDULER_GROUP: optional(1),
});

const enabled = !!(config.SCHEDULER_TARGET_ARN && config.SCHEDULER_ROLE_ARN);
// Loaded and built when a ballot is first opened, not at start: most invocations (reads,
// votes) never schedule, and the client's module and building it were cold-start time
// for them (issue 17).
let client: Promise<{ client: SchedulerClient; sdk: typeof import('./scheduler-sdk') }> | undefined;
const scheduler = () =>
  (client ??= import('./scheduler-sdk')
    .then((sdk) => ({ client: new sdk.SchedulerClient({ maxAttempts: 3 }), sdk }))
    .catch((error: unknown) => {
      client = undefined;
      throw error;
    }));

/**
 * `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second and one more, so a clock a
 * little behind the scheduler's still finds the ballot due (the closer never waits).
 */
export function atExpression(instant: string, marginSeconds = 1): string {
  const ms = Date.parse(instant);
  return `at(${new Date(Math.ceil(ms / 1000) * 1000 + marginSeconds * 1000).toISOString().slice(0, 19)})`;
}

export const scheduleName = (ballotId: string) => `ballot-close-${ballotId}`;
export const reminderName = (ballotId: string) => `ballot-remind-${ballotId}`;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Creates the one-time schedule; idempotent (a schedule that exists already is fine).
 * Called before the open is committed: a schedule whose open then failed fires into a
 * closer that does nothing for a ballot that is not open and due.
 */
export async function scheduleClose(ballotId: string, closesAt: string, now: Date = new Date()): Promise<'scheduled' | 'local'> {
  if (!enabled) return 'local';
  await createOnce(scheduleName(ballotId), atExpression(closesAt), { ballotId });
  // The one-day reminder, when there is more than a day left (else the opening notice
  // is the reminder).
  const remindAt = Date.parse(closesAt) - DAY_MS;
  if (remindAt > now.getTime() + 60_000) await createOnce(reminderName(ballotId), atExpression(new Date(remindAt).toISOString(), 0), { ballotId, action: 'remind' });
  logger.info('ballot close scheduled', { ballotId, closesAt });
  return 'scheduled';
}

async function createOnce(name: string, expression: string, input: { ballotId: string; action?: 'remind' }): Promise<void> {
  const ballotId = input.ballotId;
  const { client: c, sdk } = await scheduler();
  try {
    await c.send(
      new sdk.CreateScheduleCommand({
        Name: name,
        GroupName: config.SCHEDULER_GROUP,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: config.SCHEDULER_TARGET_ARN!,
          RoleArn: config.SCHEDULER_ROLE_ARN!,
          Input: JSON.stringify(input),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    );
  } catch (error) {
    // Without its schedule a ballot would not close by itself: refuse to open (503).
    if (!(error instanceof sdk.ConflictException)) {
      logger.error('could not schedule the ballot close', { ballotId, error: (error as Error).name });
      throw new Unavailable();
    }
  }
}
