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

const streamJobs: BackgroundJob[] = eventFunctions
  .filter((fn) => fn.stream)
  .map((fn) => ({
    name: fn.name,
    start: async ({ ddbEndpoint, root }) => {
      const { handler } = await import(pathToFileURL(join(root, fn.entry)).href);
      return pollStream(ddbEndpoint, localTableName(fn.stream!), handler);
    },
  }));

export const backgroundJobs: BackgroundJob[] = [...streamJobs];
