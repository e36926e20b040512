// The local stand-in for Lambda: every function of the manifest, HTTP and event alike,
// runs in worker threads of its own (local/lambda-runtime.ts), each worker one instance that takes one
// invocation at a time, with only the environment the stack gives that function. A pool
// per function starts instances lazily up to a concurrency (default 4); past it,
// invocations wait for a free instance. An invocation that outlives the function's
// timeout has its worker terminated, as Lambda discards the sandbox, and the next one
// gets a fresh instance (a cold start).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionDef } from '../functions/manifest';
import { clock } from '../functions/shared/clock';
import { logger } from '../functions/shared/logger';
import { accessKeyFor } from './lambda-identity';
import type { FromWorker, ToWorker, WorkerInit } from './lambda-runtime';
import { localTableName } from './tables';

/** What the Lambda stand-in needs of a manifest entry, HTTP or event function. */
export type LambdaDef = Pick<FunctionDef, 'name' | 'entry' | 'tables' | 'memoryMb' | 'timeoutSeconds' | 'buckets' | 'sealsNames'>;

/** lib/function.ts: the timeout and memory of a function that names none. */
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 512;
/** Instances per function unless configured (DOCKET_LAMBDA_CONCURRENCY). */
export const DEFAULT_CONCURRENCY = 4;

export interface FunctionSettings {
  /** What every function of the stack gets (lib/docket-stack.ts `shared`). */
  siteOrigin: string;
  mailFrom: string;
  /** Local stand-ins: where the functions find DynamoDB, and the mail directory. */
  ddbEndpoint: string;
  mailDir: string;
  /**
   * Sign DynamoDB calls with the function's own access key id (accessKeyFor), which
   * the local DynamoDB proxy reads to enforce the manifest's grants. DynamoDB Local
   * itself refuses keys that are not letters and digits, so straight to it the key is
   * the plain 'local'.
   */
  signWithIdentity: boolean;
  /** The S3 stand-in (local/s3.ts): its endpoint and each bucket's name, for functions granted a bucket. */
  s3?: { endpoint: string; bucketNames: Record<string, string> };
  /** The key standing in for KMS (shared/envelope.ts), for functions that seal names. */
  localKmsKey?: string;
}

/**
 * The environment of one function: what lib/function.ts and lib/docket-stack.ts set
 * (service name, log level, SITE_ORIGIN, MAIL_FROM, one variable per granted table),
 * what Lambda itself sets (region, function name, memory, credentials — here an access
 * key id that names the function), and the local endpoints. Nothing else of the
 * process leaks in, so a function that reads a table it was not granted fails here as
 * it would in AWS. DOCKET_* settings pass through: they are deployment settings the
 * stack would set alike for every function.
 */
export function functionEnv(fn: LambdaDef, settings: FunctionSettings, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const passThrough = Object.fromEntries(
    Object.entries(processEnv).filter((e): e is [string, string] => /^DOCKET_/.test(e[0]) && !RUNTIME_ONLY.test(e[0]) && e[1] !== undefined),
  );
  const region = processEnv.AWS_REGION ?? 'us-east-1';
  return {
    ...passThrough,
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: `docket-${fn.name}`,
    POWERTOOLS_LOG_LEVEL: processEnv.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    SITE_ORIGIN: settings.siteOrigin,
    MAIL_FROM: settings.mailFrom,
    ...Object.fromEntries(fn.tables.map(({ table }) => [table.envVar, localTableName(table)])),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: `docket-${fn.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? DEFAULT_MEMORY_MB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_ACCESS_KEY_ID: settings.signWithIdentity ? accessKeyFor(fn.name) : 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: settings.ddbEndpoint,
    MAIL_DIR: settings.mailDir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...bucketEnv(fn, settings),
    ...(fn.sealsNames && settings.localKmsKey ? { LOCAL_KMS_KEY: settings.localKmsKey } : {}),
  };
}

/** A granted bucket's name (as the stack sets it), the local S3 endpoint, and the scan stub. */
function bucketEnv(fn: LambdaDef, settings: FunctionSettings): Record<string, string> {
  if (!fn.buckets?.length || !settings.s3) return {};
  return {
    ...Object.fromEntries(fn.buckets.map(({ bucket }) => [bucket.envVar, settings.s3!.bucketNames[bucket.id]])),
    S3_ENDPOINT: settings.s3.endpoint,
    // No GuardDuty here: the check function records the scan as clean, and logs it (local/s3.ts).
    MALWARE_SCAN: 'stub',
  };
}

/** Settings of the local runtime itself, which no function would get in AWS. */
const RUNTIME_ONLY = /^DOCKET_(NOW|TEST_|DATA_DIR|IN_MEMORY|RATE_LIMIT|LAMBDA_|THROTTLE|LOAD_)/;

/** What an invocation came to, as Lambda's Invoke would report it. */
export type Outcome =
  | { kind: 'ok'; payload: string }
  /** A function error: thrown, init failure, crash, or timeout (errorType says which). */
  | { kind: 'error'; errorType: string; errorMessage: string };

/** A function error as the invoker sees it (Lambda's Invoke: FunctionError with errorType). */
export class FunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    errorMessage: string,
  ) {
    super(`${functionName}: ${errorType}: ${errorMessage}`);
    this.name = 'FunctionError';
  }
}

/** The payload of a successful invocation, parsed; a function error is thrown as FunctionError. */
export function payloadOf<T = unknown>(name: string, outcome: Outcome): T {
  if (outcome.kind === 'error') throw new FunctionError(name, outcome.errorType, outcome.errorMessage);
  return JSON.parse(outcome.payload) as T;
}

interface Instance {
  id: number;
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  dead: boolean;
  pending?: { id: string; done: (outcome: Outcome) => void };
  envReply?: (names: string[]) => void;
}

export interface PoolOptions {
  root: string;
  env: Record<string, string>;
  concurrency?: number;
  /** Overrides the manifest's timeout (tests only). */
  timeoutSeconds?: number;
}

export class FunctionPool {
  private readonly instances: Instance[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 0;
  private stopped = false;
  /** Counts, for the dev route and tests: invocations run, instances started and terminated on timeout. */
  readonly stats = { invoked: 0, started: 0, timedOut: 0, crashed: 0 };
  readonly timeoutMs: number;
  readonly concurrency: number;

  constructor(
    readonly fn: LambdaDef,
    private readonly options: PoolOptions,
  ) {
    this.timeoutMs = (options.timeoutSeconds ?? fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  }

  get size(): number {
    return this.instances.length;
  }

  /**
   * Runs one invocation. `signal` withdraws it while it still waits for an instance;
   * `dispatched` is called when a ready instance takes it (after any cold start).
   */
  async invoke(event: unknown, hooks: { signal?: AbortSignal; dispatched?: () => void } = {}): Promise<Outcome> {
    const instance = await this.acquire(hooks.signal);
    try {
      try {
        await instance.ready;
      } catch (error) {
        this.discard(instance);
        return { kind: 'error', errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message };
      }
      hooks.dispatched?.();
      this.stats.invoked++;
      return await this.run(instance, event);
    } finally {
      this.release(instance);
    }
  }

  /**
   * Starts instances until `count` are up (at most the concurrency) and waits until they
   * are ready: load tests warm the pools first, as Lambda would have scaled out by then.
   */
  async warm(count = this.concurrency): Promise<void> {
    const starting: Instance[] = [];
    while (this.instances.length < Math.min(count, this.concurrency)) {
      const instance = this.spawn();
      starting.push(instance);
    }
    await Promise.all(starting.map((i) => i.ready.catch(() => this.discard(i))));
    for (const instance of starting) this.release(instance);
  }

  /** The names of the environment variables one instance sees (dev route, tests). */
  async envNames(): Promise<string[]> {
    const instance = await this.acquire();
    try {
      await instance.ready;
      return await new Promise<string[]>((resolve) => {
        instance.envReply = resolve;
        instance.worker.postMessage({ type: 'env' } satisfies ToWorker);
      });
    } finally {
      this.release(instance);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const instances = this.instances.splice(0);
    for (const instance of instances) instance.dead = true;
    await Promise.all(instances.map((i) => i.worker.terminate()));
    for (const wake of this.waiters.splice(0)) wake();
  }

  private run(instance: Instance, event: unknown): Promise<Outcome> {
    const id = randomUUID();
    const started = Date.now();
    const deadline = started + this.timeoutMs;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops the sandbox at the timeout; whatever the handler was doing is lost.
        this.stats.timedOut++;
        const seconds = ((Date.now() - started) / 1000).toFixed(2);
        logger.error('Task timed out', { function: this.fn.name, requestId: id, seconds });
        this.discard(instance);
        resolve({ kind: 'error', errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds` });
      }, this.timeoutMs);
      instance.pending = {
        id,
        done: (outcome) => {
          clearTimeout(timer);
          instance.pending = undefined;
          resolve(outcome);
        },
      };
      const offset = clock.simulated ? clock.now().getTime() - Date.now() : undefined;
      instance.worker.postMessage({ type: 'invoke', id, event, deadline, clockOffsetMs: offset } satisfies ToWorker);
    });
  }

  private spawn(): Instance {
    const { fn } = this;
    const memoryMb = fn.memoryMb ?? DEFAULT_MEMORY_MB;
    const worker = new Worker(join(this.options.root, 'local', 'lambda-worker.mjs'), {
      workerData: { root: this.options.root, entry: fn.entry, name: fn.name, memoryMb } satisfies WorkerInit,
      env: this.options.env,
      // The parent's loader flags (tsx) are not inherited: the worker registers its own.
      execArgv: [],
      // The function's memory setting bounds the heap, as it bounds the sandbox.
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    this.stats.started++;
    let readyResolve!: () => void;
    let readyReject!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    ready.catch(() => {});
    const instance: Instance = { id: this.nextId++, worker, ready, busy: true, dead: false };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          return readyResolve();
        case 'init-error':
          return readyReject(new Error(`${message.errorType}: ${message.errorMessage}`));
        case 'env':
          return instance.envReply?.(message.names);
        case 'result':
          if (instance.pending?.id === message.id) instance.pending.done({ kind: 'ok', payload: message.payload });
          return;
        case 'error':
          if (instance.pending?.id === message.id) instance.pending.done({ kind: 'error', errorType: message.errorType, errorMessage: message.errorMessage });
          return;
      }
    });
    // An uncaught exception or an exhausted heap ends the runtime: that invocation
    // fails and the next one gets a new sandbox.
    const crashed = (reason: string) => {
      if (instance.dead) return;
      this.stats.crashed++;
      readyReject(new Error(reason));
      instance.pending?.done({ kind: 'error', errorType: 'Runtime.ExitError', errorMessage: reason });
      this.discard(instance);
    };
    worker.on('error', (error) => crashed(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => crashed(`Runtime exited with code ${code}`));
    this.instances.push(instance);
    return instance;
  }

  private async acquire(signal?: AbortSignal): Promise<Instance> {
    for (;;) {
      if (this.stopped) throw new Error(`function ${this.fn.name} is stopped`);
      signal?.throwIfAborted();
      const idle = this.instances.find((i) => !i.busy && !i.dead);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.instances.length < this.concurrency) return this.spawn();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          const at = this.waiters.indexOf(wake);
          if (at >= 0) this.waiters.splice(at, 1);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  private release(instance: Instance) {
    instance.busy = false;
    this.waiters[0]?.();
  }

  private discard(instance: Instance) {
    if (instance.dead) return;
    instance.dead = true;
    const at = this.instances.indexOf(instance);
    if (at >= 0) this.instances.splice(at, 1);
    void instance.worker.terminate();
    this.waiters[0]?.();
  }
}
