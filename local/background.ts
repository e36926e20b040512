// Background work the local runtime does in place of AWS event sources: every stream-
// triggered function of the manifest gets a stream poller; contexts add other jobs
// (timers standing in for EventBridge Scheduler) to `backgroundJobs`.
//
// The jobs are the event sources only. The event functions themselves run as Lambda
// runs them, each in worker threads of its own (local/lambda.ts) with only its own
// environment and `fn-<name>` credentials, so the DynamoDB proxy checks their grants
// and the manifest's timeout stops them: nothing of a handler runs in this process.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventFunctions } from '../functions/manifest';
import { type Outcome, payloadOf } from './lambda';
import { pollStream } from './streams';
import { localTableName } from './tables';

export interface BackgroundContext {
  ddbEndpoint: string;
  dataDir: string;
  root: string;
  /** Invokes an event function of the manifest in its own sandbox, as Lambda would. */
  invoke(name: string, event: unknown): Promise<Outcome>;
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
    start: async ({ ddbEndpoint, invoke }) =>
      // A function error (thrown, crashed, timed out) fails the whole batch, as in AWS;
      // batchItemFailures in the payload redeliver from the first failed record.
      pollStream(ddbEndpoint, localTableName(fn.stream!), async (event: DynamoDBStreamEvent) =>
        payloadOf<{ batchItemFailures?: { itemIdentifier: string }[] } | null>(fn.name, await invoke(fn.name, event)) ?? undefined,
      ),
  }));

// EventBridge Scheduler stand-in for E-Vote: every second, find the open ballots whose
// closesAt has come and those a day from closing (Queries of the sparse `open` index,
// never a Scan: what the one-time schedules know in AWS), and invoke the ballot-closer
// function with the event each schedule would send. A close that fails (EarlyClose,
// a lost race) is simply found again on a later tick, as Lambda's asynchronous retry
// would run it again.
const ballotCloser: BackgroundJob = {
  name: 'ballot-closer',
  start: async ({ invoke }) => {
    const { dueBallots, remindersDue } = await import('../functions/evote/store');
    const { clock } = await import('../functions/shared/clock');
    const { logger } = await import('../functions/shared/logger');
    return ticking(1_000, async () => {
      try {
        for (const ballotId of await remindersDue(clock.now())) payloadOf('ballot-closer', await invoke('ballot-closer', { ballotId, action: 'remind' }));
        for (const ballotId of await dueBallots(clock.now())) payloadOf('ballot-closer', await invoke('ballot-closer', { ballotId }));
      } catch (error) {
        logger.debug('ballot closer tick failed', { error: (error as Error).message });
      }
    });
  },
};

// EventBridge Scheduler stand-in for the registration holds sweep (rate(1 minute) in
// AWS; every 2 s here so a demo or a test sees a lapsed hold free its seat promptly).
// Each tick asks the function to read the hour buckets since the previous tick's clock
// time (at most 48 h, what the schedule's plain event reads), so a clock moved forward by
// a demo or a test is swept too, and a quiet tick costs a couple of Queries.
const holdsSweep: BackgroundJob = {
  name: 'registration-holds',
  start: async ({ invoke }) => {
    const { clock } = await import('../functions/shared/clock');
    const { logger } = await import('../functions/shared/logger');
    let last: number | undefined;
    return ticking(2_000, async () => {
      const now = clock.now();
      const hours = last === undefined ? 48 : Math.min(48, Math.max(1, Math.ceil((now.getTime() - last) / 3_600_000) + 1));
      try {
        payloadOf('registration-holds', await invoke('registration-holds', { hours }));
        last = now.getTime();
      } catch (error) {
        logger.debug('holds sweep tick failed', { error: (error as Error).message });
      }
    });
  },
};

// EventBridge Scheduler stand-in for the day-before hearing reminders (rate(15 minutes)
// in AWS; every 5 s here, so a clock moved to the eve of a hearing reminds promptly).
const hearingReminders: BackgroundJob = {
  name: 'hearing-reminders',
  start: async ({ invoke }) => {
    const { logger } = await import('../functions/shared/logger');
    // The reminder function itself runs isolated, like every function (the stand-in only ticks).
    return ticking(5_000, async () => {
      try {
        payloadOf('hearing-reminders', await invoke('hearing-reminders', {}));
      } catch (error) {
        logger.debug('hearing reminders tick failed', { error: (error as Error).name });
      }
    });
  },
};

export const backgroundJobs: BackgroundJob[] = [...streamJobs, ballotCloser, holdsSweep, hearingReminders];
