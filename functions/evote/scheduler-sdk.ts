// The EventBridge Scheduler calls schedule.ts makes, in a module of their own so that it
// can be loaded when a ballot is first opened (a dynamic import keeps every export of the
// module it loads: of @aws-sdk/client-scheduler itself, all its commands).
export { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
