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
  it('rounds at() up to the second in UTC, plus a second so the closer never finds it early', async () => {
    const { atExpression } = await import('../../functions/evote/schedule');
    expect(atExpression('2030-01-01T10:00:00.000Z')).toBe('at(2030-01-01T10:00:01)');
    expect(atExpression('2030-01-01T10:00:00.400Z')).toBe('at(2030-01-01T10:00:02)');
    expect(atExpression('2030-01-01T05:00:00-05:00')).toBe('at(2030-01-01T10:00:01)');
    expect(atExpression('2030-01-01T10:00:00.000Z', 0)).toBe('at(2030-01-01T10:00:00)');
  });

  it('skips the schedule when the Scheduler settings are absent (local)', async () => {
    const send = vi.spyOn(SchedulerClient.prototype, 'send');
    const { scheduleClose } = await import('../../functions/evote/schedule');
    await expect(scheduleClose('01JBALLOTBALLOTBALLOTBALLO', '2030-01-01T10:00:00Z')).resolves.toBe('local');
    expect(send).not.toHaveBeenCalled();
  });

  it('creates one-time schedules targeting the closer: the close, and the reminder a day before', async () => {
    Object.assign(process.env, {
      SCHEDULER_TARGET_ARN: 'arn:aws:lambda:us-east-1:111111111111:function:docket-ballot-closer',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/docket-scheduler',
      SCHEDULER_GROUP: 'docket',
    });
    const send = vi.spyOn(SchedulerClient.prototype, 'send').mockResolvedValue({} as never);
    const { scheduleClose } = await import('../../functions/evote/schedule');
    await expect(scheduleClose('01JBALLOTBALLOTBALLOTBALLO', '2030-01-01T10:00:00Z', new Date('2029-12-01T00:00:00Z'))).resolves.toBe('scheduled');
    expect(send).toHaveBeenCalledTimes(2);
    const command = send.mock.calls[0][0] as CreateScheduleCommand;
    expect(command).toBeInstanceOf(CreateScheduleCommand);
    expect(command.input).toMatchObject({
      Name: 'ballot-close-01JBALLOTBALLOTBALLOTBALLO',
      GroupName: 'docket',
      ScheduleExpression: 'at(2030-01-01T10:00:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: process.env.SCHEDULER_TARGET_ARN, RoleArn: process.env.SCHEDULER_ROLE_ARN, Input: JSON.stringify({ ballotId: '01JBALLOTBALLOTBALLOTBALLO' }) },
    });
    expect((send.mock.calls[1][0] as CreateScheduleCommand).input).toMatchObject({
      Name: 'ballot-remind-01JBALLOTBALLOTBALLOTBALLO',
      ScheduleExpression: 'at(2029-12-31T10:00:00)',
      Target: { Input: JSON.stringify({ ballotId: '01JBALLOTBALLOTBALLOTBALLO', action: 'remind' }) },
    });
  });

  it('makes no reminder when less than a day is left (the opening notice is the reminder)', async () => {
    Object.assign(process.env, { SCHEDULER_TARGET_ARN: 'arn:aws:lambda:us-east-1:111111111111:function:c', SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/r', SCHEDULER_GROUP: 'docket' });
    const send = vi.spyOn(SchedulerClient.prototype, 'send').mockResolvedValue({} as never);
    const { scheduleClose } = await import('../../functions/evote/schedule');
    await scheduleClose('01JBALLOTBALLOTBALLOTBALLO', '2030-01-01T10:00:00Z', new Date('2030-01-01T00:00:00Z'));
    expect(send).toHaveBeenCalledTimes(1);
  });
});
