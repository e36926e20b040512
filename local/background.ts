// Background work the local runtime does in place of AWS event sources: every stream-
// triggered function of the manifest gets a stream poller; contexts add other jobs
// (timers standing in for EventBridge Scheduler) to `backgroundJobs`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventFunctions } from '../functions/manifest';
import { pollStream } from './streams';
import { localTableName } from './tables';

export interface BackgroundContext {
  ddbEndpoint: string;
  dataDir: string;
  root: string;
}

export type BackgroundJob = { name: string; start: (context: BackgroundContext) => Promise<() => Promise<void>> };

/** Runs `tick` every `everyMs` until stopped (the stop waits for a tick in progress). */
function ticking(everyMs: number, tick: () => Promise<void>): () => Promise<void> {
  let running = true;
  let wake = () => {};
  const loop = (async () => {
    while (running) {
      await tick();
      await new Promise<void>((r) => {
        const timer = setTimeout(r, everyMs);
        wake = () => {
          clearTimeout(timer);
          r();
        };
      });
    }
  })();
  return async () => {
    running = false;
    wake();
    await loop;
  };
}

const streamJobs: BackgroundJob[] = eventFunctions
  .filter((fn) => fn.stream)
  .map((fn) => ({
    name: fn.name,
    start: async ({ ddbEndpoint, root }) => {
      const { handler } = await import(pathToFileURL(join(root, fn.entry)).href);
      return pollStream(ddbEndpoint, localTableName(fn.stream!), handler);
    },
  }));

// EventBridge Scheduler stand-in for E-Vote: every second, close the open ballots whose
// closesAt has come and remind those a day from closing (Queries of the sparse `open`
// index, never a Scan), through the same closer the schedules invoke. (Seeded ballots
// used to have ids the closer refused, hence "closer called without a ballot id" at
// every start: the seed ids are valid ULIDs now.)
const ballotCloser: BackgroundJob = {
  name: 'ballot-closer',
  start: async () => {
    const { dueBallots, remindersDue } = await import('../functions/evote/store');
    const { handler } = await import('../functions/evote/closer');
    const { clock } = await import('../functions/shared/clock');
    const { logger } = await import('../functions/shared/logger');
    return ticking(1_000, async () => {
      try {
        for (const ballotId of await remindersDue(clock.now())) await handler({ ballotId, action: 'remind' });
        for (const ballotId of await dueBallots(clock.now())) await handler({ ballotId });
      } catch (error) {
        logger.debug('ballot closer tick failed', { error: (error as Error).name });
      }
    });
  },
};

// EventBridge Scheduler stand-in for the registration holds sweep (rate(1 minute) in
// AWS; every 2 s here so a demo or a test sees a lapsed hold free its seat promptly).
// Each tick reads the hour buckets since the previous tick's clock time (at most 48 h),
// so a clock moved forward by a demo or a test is swept too.
const holdsSweep: BackgroundJob = {
  name: 'registration-holds',
  start: async () => {
    const { expireDue, releaseStaleReservations } = await import('../functions/registrations/store');
    const { clock } = await import('../functions/shared/clock');
    const { logger } = await import('../functions/shared/logger');
    let last: number | undefined;
    return ticking(2_000, async () => {
      const now = clock.now();
      const hours = last === undefined ? 48 : Math.min(48, Math.max(1, Math.ceil((now.getTime() - last) / 3_600_000) + 1));
      try {
        await expireDue(now, { hours, limit: 500 });
        // Seats and tickets whose registration request died in flight (issue 12).
        await releaseStaleReservations(now);
        last = now.getTime();
      } catch (error) {
        logger.debug('holds sweep tick failed', { error: (error as Error).name });
      }
    });
  },
};

// EventBridge Scheduler stand-in for the day-before hearing reminders (rate(15 minutes)
// in AWS; every 5 s here, so a clock moved to the eve of a hearing reminds promptly).
const hearingReminders: BackgroundJob = {
  name: 'hearing-reminders',
  start: async () => {
    const { remindDue } = await import('../functions/hearing-day/reminders');
    const { clock } = await import('../functions/shared/clock');
    const { logger } = await import('../functions/shared/logger');
    return ticking(5_000, async () => {
      try {
        await remindDue(clock.now());
      } catch (error) {
        logger.debug('hearing reminders tick failed', { error: (error as Error).name });
      }
    });
  },
};

export const backgroundJobs: BackgroundJob[] = [...streamJobs, ballotCloser, holdsSweep, hearingReminders];
