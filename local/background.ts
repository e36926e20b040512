// Background work the local runtime does in place of AWS event sources (DynamoDB
// streams, EventBridge Scheduler). Each job starts with the runtime and returns a stop.
export interface BackgroundContext {
  ddbEndpoint: string;
  dataDir: string;
}

export type BackgroundJob = { name: string; start: (context: BackgroundContext) => Promise<() => Promise<void>> };

export const backgroundJobs: BackgroundJob[] = [];
