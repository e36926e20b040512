// The DynamoDB document client, created once per process. Retries and timeouts are
// set on purpose: an API Gateway request has 30 s, a person waits far less, and a
// transaction that cannot reach the store must fail fast as a 503 the client may retry
// (never be left half-written: every multi-item change is one TransactWriteItems).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { shared } from './config';
import { Conflict, Unavailable } from './errors';
import { cancellationReasons, isConditionFailure, isUnavailable } from './store-errors';

/**
 * DynamoDB Local's endpoint, which only the local runtime and tests set (undefined in AWS).
 * Read at each call: the local runtime puts its DynamoDB proxy there when it starts, which
 * may be after this module was loaded (a test that imports a store first).
 */
function localEndpoint() {
  if (!shared.DYNAMODB_ENDPOINT) return undefined;
  return async () => ({ url: new URL(process.env.DYNAMODB_ENDPOINT || shared.DYNAMODB_ENDPOINT!) });
}

/** A document client with its own SDK retry and timeout settings. */
export const createDdb = (options: { maxAttempts: number; requestTimeoutMs: number; connectionTimeoutMs?: number; throwOnRequestTimeout?: boolean }) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: localEndpoint(),
      maxAttempts: options.maxAttempts,
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 1_000,
        requestTimeout: options.requestTimeoutMs,
        // Without this the SDK only warns when requestTimeout passes and keeps waiting.
        throwOnRequestTimeout: options.throwOnRequestTimeout ?? false,
        // The SDK's default pool of 50 sockets makes calls queue for a socket when one
        // process serves many requests (the local runtime); a queued call can time out
        // before it is even sent. Lambda serves one request at a time, so this costs nothing there.
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 512 }),
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 512 }),
      },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

// 3 attempts with the SDK's jittered backoff ride over a throttle or a blip; more
// would hold a user's request for seconds with no better odds.
export const ddb = createDdb({ maxAttempts: 3, requestTimeoutMs: 3_000 });

/**
 * For paths that retry lost races themselves (shared/retry.ts): one attempt per call
 * (retry.ts SDK_CALL_WORST_MS), so the SDK never silently repeats a counter's ADD whose
 * first try timed out, and every retry is decided by the policy, which knows the
 * remaining time and reads back what an attempt of unknown outcome did. The timeout is
 * generous on purpose: measured on an overloaded DynamoDB Local, a 5 s timeout turned
 * slow calls into unknown outcomes, and the retries they caused into more load (277
 * of 1,100 registrations answered 503); a call that ends only at 10 s still leaves a
 * 29 s function room to read back and answer.
 */
let race: typeof ddb | undefined;
/**
 * That client, built on first use (issue 17): only the routes that retry lost races use
 * it, and building a DynamoDB client is some 6 M instructions of every cold start
 * (callgrind), about 1 % of a bare handler's.
 */
export const raceClient = () => (race ??= createDdb({ maxAttempts: 1, requestTimeoutMs: 10_000, throwOnRequestTimeout: true }));

/** The document client's shape, so stores can take a fake that injects failures. */
export type DocClient = Pick<typeof ddb, 'send'>;

/** Calls raceClient(), which it builds on the first call. */
export const raceDdb: DocClient = { send: ((command: never, ...rest: never[]) => raceClient().send(command, ...rest)) as DocClient['send'] };

/**
 * Runs a write; a failed condition becomes the given domain Conflict, an unreachable
 * store a 503. Anything else propagates (a bug: logged and answered as a bare 500).
 */
export async function guarded<T>(write: () => Promise<T>, onConflict: (error: unknown) => Error = () => new Conflict('error.conflict')): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) throw onConflict(error);
    const reasons = cancellationReasons(error);
    if (reasons?.some((r) => r === 'ConditionalCheckFailed')) throw onConflict(error);
    if (reasons?.some((r) => r === 'TransactionConflict' || r === 'ThrottlingError')) throw new Unavailable(1);
    if (isUnavailable(error)) throw new Unavailable();
    throw error;
  }
}

/** Every item a query matches, page after page (for bounded sets: a session, a ballot). */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() => ddb.send(new QueryCommand({ ...input, ExclusiveStartKey })));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
