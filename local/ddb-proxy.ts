// What DynamoDB and IAM do that DynamoDB Local does not, as a small HTTP proxy in front
// of it speaking DynamoDB's JSON protocol. The local runtime gives handlers this proxy
// as DYNAMODB_ENDPOINT; seeding tools may keep using DynamoDB Local directly.
// - IAM: a call signed with a function's access key (accessKeyFor) is checked against
//   the grants the stack gives that function (lib/grants.ts, from the manifest), item by
//   item for transactions and batches, and refused with AccessDeniedException as AWS
//   words it (`fn-<name>` of no function in the manifest: nothing is granted). Any other
//   key (tests, seeders, tools) is an administrator.
// - Transactions: DynamoDB Local runs them one at a time, so they never conflict. Here a
//   TransactWriteItems touching an item that another one in flight holds is cancelled
//   with TransactionConflict at that item; a PutItem/UpdateItem/DeleteItem on such an
//   item fails with TransactionConflictException; a TransactGetItems loses to any write
//   on its items; a retry with the ClientRequestToken of one still in flight gets
//   TransactionInProgressException. Finished tokens are DynamoDB Local's own business: it
//   already answers a replay without re-applying, and a changed replay with
//   IdempotentParameterMismatchException. Not modelled: BatchWriteItem against
//   transactions in flight (no function uses it), and conflicts between a transaction and
//   a single-item write that arrived first (DynamoDB serializes those).
// - Latency: every call waits a few milliseconds first (DOCKET_DDB_LATENCY_MS), as a call
//   inside one AWS region does, so that concurrent transactions really overlap.
import { randomUUID } from 'node:crypto';
import { Agent, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import { type FunctionDef, eventFunctions, httpFunctions, tables as manifestTables } from '../functions/manifest';
import type { TableDef } from '../functions/shared/table';
import { type GrantStatement, grantStatements } from '../lib/grants';
import { localTableName } from './tables';

/** DynamoDB Local's account. */
export const LOCAL_ACCOUNT = '000000000000';

export { accessKeyFor } from './lambda-identity';
const functionOfKey = (accessKeyId: string | undefined) => (accessKeyId?.startsWith('fn-') ? accessKeyId.slice(3) : undefined);

/** DynamoDB's per-call latency in one region, roughly; DOCKET_DDB_LATENCY_MS overrides, 0 disables. */
export const DEFAULT_LATENCY_MS = 4;

export function latencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DOCKET_DDB_LATENCY_MS;
  if (raw === undefined || raw === '') return DEFAULT_LATENCY_MS;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`DOCKET_DDB_LATENCY_MS must be a number of milliseconds >= 0, not "${raw}"`);
  return value;
}

export interface DdbProxyOptions {
  /** DynamoDB Local's endpoint. */
  target: string;
  /** Wait before each call (default latencyFromEnv()). */
  latencyMs?: number;
  region?: string;
  /** Tests only: functions mounted besides the manifest's, whose grants are checked alike. */
  functions?: readonly Pick<FunctionDef, 'name' | 'tables'>[];
}

export interface DdbProxyStats {
  /** DynamoDB calls seen. */
  requests: number;
  /** Calls refused with AccessDeniedException. */
  denied: number;
  /** Transactions cancelled because another transaction held one of their items. */
  transactionConflicts: number;
  /** Single-item writes refused with TransactionConflictException. */
  writeConflicts: number;
  /** Transactions cancelled by injectConflicts(). */
  conflictsInjected: number;
}

/** A request stopped before it reaches DynamoDB Local, its items held (tests). */
export interface HeldCall {
  /** Resolves once the call has arrived and holds its items. */
  arrived: Promise<void>;
  release(): void;
}

export interface DdbProxy {
  endpoint: string;
  /** Milliseconds each call waits before it is forwarded; may be changed at any time. */
  latencyMs: number;
  stats(): DdbProxyStats;
  /**
   * Cancels the next `count` TransactWriteItems touching the given manifest table (or
   * any, without one) with TransactionConflict, without applying them: the stores'
   * conflict branches, on demand. Replaces what was pending for that table (0 clears).
   * Counted in stats().conflictsInjected.
   */
  injectConflicts(count: number, tableId?: string): void;
  /** Holds the next call of `operation` (matching `match`) in flight until released. */
  hold(operation: string, match?: (body: any) => boolean): HeldCall;
  /** The statements a function's calls are checked against (undefined: not a function). */
  grantsOf(functionName: string): readonly GrantStatement[] | undefined;
  stop(): Promise<void>;
}

type Body = Record<string, any>;
type Permission = { action: string; resource: string };

/** Who holds an item: a transaction (write or get) or a single-item write, in flight. */
interface Holder {
  kind: 'txWrite' | 'txGet' | 'write';
  token?: string;
  /** For a TransactGetItems: the indexes of its items a write has touched meanwhile. */
  overtaken?: Set<number>;
  /** Item key → index in the request. */
  items: Map<string, number>;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';

export async function startDdbProxy(options: DdbProxyOptions): Promise<DdbProxy> {
  const target = new URL(options.target);
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const tableArn = (name: string) => (name.startsWith('arn:') ? name : `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT}:table/${name}`);
  const defsByName = new Map<string, TableDef>(manifestTables.map((t) => [localTableName(t), t]));
  const grants = new Map<string, readonly GrantStatement[]>(
    [...httpFunctions, ...eventFunctions, ...(options.functions ?? [])].map((fn) => [fn.name, grantStatements(fn, (t) => tableArn(localTableName(t)))]),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const stats: DdbProxyStats = { requests: 0, denied: 0, transactionConflicts: 0, writeConflicts: 0, conflictsInjected: 0 };
  /** Pending injected conflicts by manifest table id ('' for any table). */
  const injections = new Map<string, number>();
  const holds: { operation: string; match?: (body: Body) => boolean; arrive: () => void; release: () => void; released: Promise<void> }[] = [];
  const holders = new Map<string, Set<Holder>>();

  const proxy: DdbProxy = {
    endpoint: '',
    latencyMs: options.latencyMs ?? latencyFromEnv(),
    stats: () => ({ ...stats }),
    injectConflicts(count, tableId = '') {
      if (count > 0) injections.set(tableId, count);
      else injections.delete(tableId);
    },
    hold(operation, match) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => (arrive = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ operation, match, arrive, release, released });
      return { arrived, release };
    },
    grantsOf: (name) => grants.get(name),
    stop: async () => {},
  };

  // ---- identity and grants -------------------------------------------------------

  function allowed(statements: readonly GrantStatement[], { action, resource }: Permission): boolean {
    return statements.some((s) => s.actions.includes(action) && s.resources.some((pattern) => wildcard(pattern).test(resource)));
  }

  function permissionsOf(operation: string, body: Body): Permission[] {
    const on = (action: string, table: string, index?: string) => ({ action: `dynamodb:${action}`, resource: tableArn(table) + (index ? `/index/${index}` : '') });
    switch (operation) {
      case 'Query':
      case 'Scan':
        return [on(operation, body.TableName, body.IndexName)];
      case 'BatchGetItem':
      case 'BatchWriteItem':
        return Object.keys(body.RequestItems ?? {}).map((table) => on(operation, table));
      case 'TransactWriteItems':
        return (body.TransactItems ?? []).map((item: Body) => {
          const [kind, spec] = Object.entries(item)[0] ?? ['', {}];
          return on(kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`, spec.TableName);
        });
      case 'TransactGetItems':
        return (body.TransactItems ?? []).map((item: Body) => on('GetItem', item.Get?.TableName));
      default:
        return [typeof body.TableName === 'string' ? on(operation, body.TableName) : { action: `dynamodb:${operation}`, resource: '*' }];
    }
  }

  // ---- items held by calls in flight ---------------------------------------------

  function itemKey(tableName: unknown, item: Body | undefined): string | undefined {
    if (typeof tableName !== 'string' || !item) return undefined;
    const def = defsByName.get(tableName.replace(/^arn:.*:table\//, ''));
    if (!def) return undefined;
    return JSON.stringify([tableName, item[def.partitionKey], def.sortKey ? item[def.sortKey] : null]);
  }

  const heldBy = (key: string | undefined, kinds: Holder['kind'][]) => [...((key && holders.get(key)) || [])].filter((h) => kinds.includes(h.kind));

  function take(holder: Holder) {
    for (const key of holder.items.keys()) {
      // A write overtakes the transactional reads in flight on its items: they will fail.
      if (holder.kind !== 'txGet') for (const get of heldBy(key, ['txGet'])) get.overtaken!.add(get.items.get(key)!);
      let set = holders.get(key);
      if (!set) holders.set(key, (set = new Set()));
      set.add(holder);
    }
  }

  function free(holder: Holder) {
    for (const key of holder.items.keys()) {
      const set = holders.get(key);
      set?.delete(holder);
      if (set?.size === 0) holders.delete(key);
    }
  }

  // ---- answers -------------------------------------------------------------------

  function reply(res: ServerResponse, status: number, body: Body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
    res.end(text);
  }

  const cancelled = (count: number, conflicting: Set<number>) => {
    const codes = Array.from({ length: count }, (_, i) => (conflicting.has(i) ? 'TransactionConflict' : 'None'));
    return {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      CancellationReasons: codes.map((Code) => (Code === 'None' ? { Code } : { Code, Message: CONFLICT_MESSAGE })),
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    };
  };

  // ---- the proxy -----------------------------------------------------------------

  const wait = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    // DynamoDB Local refuses access keys that are not letters and digits ("fn-…"); it
    // checks no signature, so the key is replaced, the identity having been checked here.
    if (headers.authorization) headers.authorization = headers.authorization.replace(/Credential=[^/,\s]+/, 'Credential=local');
    return new Promise((done, fail) => {
      const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => done({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on('error', fail);
      });
      out.on('error', fail);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const targetHeader = String(req.headers['x-amz-target'] ?? '');
    let body: Body | undefined;
    try {
      body = targetHeader.startsWith(TARGET_PREFIX) ? (JSON.parse(raw.toString('utf8') || '{}') as Body) : undefined;
    } catch {
      body = undefined; // DynamoDB Local answers malformed requests itself
    }
    const operation = body ? targetHeader.slice(TARGET_PREFIX.length) : '';
    if (body) stats.requests++;

    // Identity: the access key id of the SigV4 Credential.
    const accessKeyId = /Credential=([^/,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
    const fn = functionOfKey(accessKeyId);
    if (body && fn !== undefined) {
      const statements = grants.get(fn) ?? [];
      const refused = permissionsOf(operation, body).find((p) => !allowed(statements, p));
      if (refused) {
        stats.denied++;
        return reply(res, 400, {
          __type: 'com.amazon.coral.service#AccessDeniedException',
          Message: `User: arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/docket-${fn}-role/docket-${fn} is not authorized to perform: ${refused.action} on resource: ${refused.resource} because no identity-based policy allows the ${refused.action} action`,
        });
      }
    }

    let holder: Holder | undefined;
    if (body) {
      const decided = decide(operation, body);
      if (decided && 'answer' in decided) {
        await wait(proxy.latencyMs);
        return reply(res, 400, decided.answer);
      }
      holder = decided?.holder;
    }
    if (holder) take(holder);
    try {
      const held = holds.findIndex((h) => h.operation === operation && (!h.match || h.match(body!)));
      if (held >= 0) {
        const [h] = holds.splice(held, 1);
        h.arrive();
        await h.released;
      }
      await wait(proxy.latencyMs);
      let answer;
      try {
        answer = await forward(req, raw);
      } catch {
        // DynamoDB Local is unreachable: so is DynamoDB for the caller (a network error).
        return void res.destroy();
      }
      if (holder?.kind === 'txGet' && holder.overtaken!.size > 0 && answer.status === 200) {
        stats.transactionConflicts++;
        return reply(res, 400, cancelled(holder.items.size, holder.overtaken!));
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    } finally {
      if (holder) free(holder);
    }
  }

  /** A call's conflict outcome: an answer now, or the items it holds while in flight. */
  function decide(operation: string, body: Body): { answer: Body } | { holder: Holder } | undefined {
    if (operation === 'TransactWriteItems') {
      const items: Body[] = body.TransactItems ?? [];
      const specs = items.map((item) => Object.values(item)[0] as Body | undefined);
      const keys = specs.map((spec) => itemKey(spec?.TableName, spec?.Item ?? spec?.Key));
      const token = typeof body.ClientRequestToken === 'string' ? body.ClientRequestToken : undefined;
      if (token && keys.some((k) => heldBy(k, ['txWrite']).some((h) => h.token === token))) {
        return { answer: { __type: 'com.amazonaws.dynamodb.v20120810#TransactionInProgressException', Message: 'The transaction with the given request token is already in progress.' } };
      }
      const tableIds = specs.map((spec) => defsByName.get(String(spec?.TableName).replace(/^arn:.*:table\//, ''))?.id);
      const injectedAt = tableIds.findIndex((id) => id !== undefined && injections.has(id));
      const injectedOn = injectedAt >= 0 ? tableIds[injectedAt]! : injections.has('') && items.length > 0 ? '' : undefined;
      if (injectedOn !== undefined) {
        const left = injections.get(injectedOn)! - 1;
        if (left > 0) injections.set(injectedOn, left);
        else injections.delete(injectedOn);
        stats.conflictsInjected++;
        return { answer: cancelled(items.length, new Set([Math.max(injectedAt, 0)])) };
      }
      const conflicting = new Set(keys.flatMap((k, i) => (heldBy(k, ['txWrite']).length ? [i] : [])));
      if (conflicting.size > 0) {
        stats.transactionConflicts++;
        return { answer: cancelled(items.length, conflicting) };
      }
      return { holder: { kind: 'txWrite', token, items: indexed(keys) } };
    }
    if (operation === 'TransactGetItems') {
      const items: Body[] = body.TransactItems ?? [];
      const keys = items.map((item) => itemKey(item.Get?.TableName, item.Get?.Key));
      const conflicting = new Set(keys.flatMap((k, i) => (heldBy(k, ['txWrite', 'write']).length ? [i] : [])));
      if (conflicting.size > 0) {
        stats.transactionConflicts++;
        return { answer: cancelled(items.length, conflicting) };
      }
      return { holder: { kind: 'txGet', overtaken: new Set(), items: indexed(keys) } };
    }
    if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') {
      const key = itemKey(body.TableName, operation === 'PutItem' ? body.Item : body.Key);
      if (heldBy(key, ['txWrite']).length) {
        stats.writeConflicts++;
        return { answer: { __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException', Message: CONFLICT_MESSAGE } };
      }
      return { holder: { kind: 'write', items: indexed([key]) } };
    }
    return undefined;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  server.keepAliveTimeout = 30_000;
  const address = server.address();
  proxy.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  proxy.stop = () =>
    new Promise<void>((done) => {
      for (const h of holds.splice(0)) {
        h.arrive();
        h.release();
      }
      server.close(() => done());
      server.closeAllConnections();
      agent.destroy();
    });
  return proxy;
}

function indexed(keys: (string | undefined)[]): Map<string, number> {
  const map = new Map<string, number>();
  keys.forEach((key, i) => key !== undefined && !map.has(key) && map.set(key, i));
  return map;
}

const patterns = new Map<string, RegExp>();
/** An IAM resource pattern (`*` any run of characters) as a regular expression. */
function wildcard(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)));
  return re;
}
