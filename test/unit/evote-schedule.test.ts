// The automatic close in AWS: one EventBridge Scheduler one-time schedule per ballot,
// at closesAt (never earlier), targeting the closer with { ballotId }; none locally.
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ENV = ['SCHEDULER_TARGET_ARN', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_GROUP'];
afterEach(() => {
  for (const name of ENV) delete process.env[name];
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('ballot close schedule', () => {
  it('rounds at() up to the second in UTC', async () => {
    const { atExpression } = await import('../../functions/evote/schedule');
    expect(atExpression('2030-01-01T10:00:00.000Z')).toBe('at(2030-01-01T10:00:00)');
    expect(atExpression('2030-01-01T10:00:00.400Z')).toBe('at(2030-01-01T10:00:01)');
    expect(atExpression('2030-01-01T05:00:00-05:00')).toBe('at(2030-01-01T10:00:00)');
  });

  it('skips the schedule when the Scheduler settings are absent (local)', async () => {
    const send = vi.spyOn(SchedulerClient.prototype, 'send');
    const { scheduleClose } = await import('../../functions/evote/schedule');
    await expect(scheduleClose('01JBALLOTBALLOTBALLOTBALLO', '2030-01-01T10:00:00Z')).resolves.toBe('local');
    expect(send).not.toHaveBeenCalled();
  });

  it('creates a one-time schedule targeting the closer with the ballot id', async () => {
    Object.assign(process.env, {
      SCHEDULER_TARGET_ARN: 'arn:aws:lambda:us-east-1:111111111111:function:docket-ballot-closer',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/docket-scheduler',
      SCHEDULER_GROUP: 'docket',
    });
    const send = vi.spyOn(SchedulerClient.prototype, 'send').mockResolvedValue({} as never);
    const { scheduleClose } = await import('../../functions/evote/schedule');
    await expect(scheduleClose('01JBALLOTBALLOTBALLOTBALLO', '2030-01-01T10:00:00Z')).resolves.toBe('scheduled');
    const command = send.mock.calls[0][0] as CreateScheduleCommand;
    expect(command).toBeInstanceOf(CreateScheduleCommand);
    expect(command.input).toMatchObject({
      Name: 'ballot-close-01JBALLOTBALLOTBALLOTBALLO',
      GroupName: 'docket',
      ScheduleExpression: 'at(2030-01-01T10:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: process.env.SCHEDULER_TARGET_ARN, RoleArn: process.env.SCHEDULER_ROLE_ARN, Input: JSON.stringify({ ballotId: '01JBALLOTBALLOTBALLOTBALLO' }) },
    });
  });
});
