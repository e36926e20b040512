// Inside one worker thread: the sandbox of one function instance, as Lambda's Node.js
// runtime runs it. It imports the handler once (init), then takes one invocation at a
// time from the parent (local/lambda.ts), with a context whose remaining time counts
// down to the deadline the parent enforces. The result goes back serialised as JSON,
// as Lambda's invoke API returns it (undefined values vanish, sizes are measurable).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../functions/shared/clock';

export interface WorkerInit {
  root: string;
  entry: string;
  name: string;
  memoryMb: number;
}

export type ToWorker =
  | { type: 'invoke'; id: string; event: unknown; deadline: number; clockOffsetMs?: number }
  | { type: 'env' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-error'; errorType: string; errorMessage: string }
  | { type: 'result'; id: string; payload: string }
  | { type: 'error'; id: string; errorType: string; errorMessage: string }
  | { type: 'env'; names: string[] };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const init = workerData as WorkerInit;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const errorOf = (error: unknown) => ({
  errorType: error instanceof Error ? error.name : 'Error',
  errorMessage: error instanceof Error ? error.message : String(error),
});

// The same module instance the handler imports: moving it moves the handler's clock.
const { clock } = (await import(pathToFileURL(join(init.root, 'functions/shared/clock.ts')).href)) as { clock: Clock & { set(at: Date): void } };
let handler: Handler | undefined;
try {
  ({ handler } = (await import(pathToFileURL(join(init.root, init.entry)).href)) as { handler: Handler });
  send({ type: 'ready' });
} catch (error) {
  // An init error fails the invocation that started the sandbox (Runtime.ImportModuleError).
  send({ type: 'init-error', ...errorOf(error) });
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'env') return send({ type: 'env', names: Object.keys(process.env).sort() });
  if (!handler) return send({ type: 'error', id: message.id, errorType: 'Runtime.InitError', errorMessage: 'the function did not initialise' });
  // The parent's clock may have been moved (/api/dev/clock): same offset from real time.
  if (message.clockOffsetMs !== undefined) clock.set(new Date(Date.now() + message.clockOffsetMs));
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: String(init.memoryMb),
    awsRequestId: message.id,
    logGroupName: `/docket/local/${init.name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
  try {
    const result = await handler(message.event, context);
    send({ type: 'result', id: message.id, payload: JSON.stringify(result ?? null) });
  } catch (error) {
    send({ type: 'error', id: message.id, ...errorOf(error) });
  }
});
