// Starts the local runtime for a test file against the run's DynamoDB Local, and gives
// tests a small HTTP client that signs in as the seeded users through the dev IdP.
// With DOCKET_TARGET_URL set (test/support/target.ts) the same client talks to a deployed
// stage instead, with the Cognito ID tokens of the token file; the local runtime's own
// members (DynamoDB, identity provider, mail drop, pools) then throw LocalOnly.
import { rmSync } from 'node:fs';
import { type LocalOptions, type LocalRuntime, startLocal } from '../../local/server';
import { LocalOnly, type RemoteTarget, remoteTarget } from './target';

export interface Call {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface TestRuntime extends LocalRuntime {
  token(email: string): Promise<string>;
  call(method: string, path: string, options?: { token?: string; as?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> }): Promise<Call>;
  setNow(iso: string): Promise<void>;
  /** The clock the functions see: the runtime's (maybe moved), or a deployed stage's real time. */
  now(): Promise<Date>;
  /** Whether this is a deployed stage (DOCKET_TARGET_URL), not the local runtime. */
  remote: boolean;
}

type CallOptions = Parameters<TestRuntime['call']>[2];

/** One HTTP call, JSON parsed when it is JSON. */
async function httpCall(base: string, method: string, path: string, bearer: string | undefined, opts: NonNullable<CallOptions>): Promise<Call> {
  const headers: Record<string, string> = { ...opts.headers };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let body: string | Uint8Array | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, body: body as BodyInit | undefined });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/**
 * An answer of the gateway itself (API Gateway, CloudFront, the WAF): `{"message": …}` as
 * application/json. Handlers answer errors as problem details (application/problem+json).
 */
export const isGatewayError = (res: Call): boolean =>
  (res.headers.get('content-type') ?? '').startsWith('application/json') && res.body !== null && typeof res.body === 'object' && Object.keys(res.body).join() === 'message';
export const isProblem = (res: Call): boolean => (res.headers.get('content-type') ?? '').startsWith('application/problem+json');

export type TestRuntimeOptions = Pick<LocalOptions, 'now' | 'throttle' | 'rateLimitPerMinute' | 'concurrency' | 'extraFunctions' | 'extraEventFunctions' | 'timeoutSeconds' | 'integrationTimeoutMs'> & {
  /**
   * A DynamoDB Local of this runtime's own instead of the run's shared one: for the tests
   * that look at whole pages (every ballot, "my requests" newest first), which other files'
   * data, written at other simulated dates, would otherwise change.
   */
  ownDatabase?: boolean;
};

export async function startTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  if (remoteTarget) return remoteRuntime(remoteTarget);
  const endpoint = process.env.DOCKET_TEST_DDB;
  if (!endpoint) throw new Error('DOCKET_TEST_DDB is not set: run the tests through vitest (global setup).');
  // Tests register many people from one address on purpose: the per-client limit is off
  // unless a test asks for it (test/int/gateway.int.test.ts does). The stage throttle
  // stays as the stack sets it.
  const { ownDatabase, ...local } = options;
  const runtime = await startLocal({ ddbEndpoint: ownDatabase ? undefined : endpoint, inMemory: true, ...local, rateLimitPerMinute: options.rateLimitPerMinute ?? 0 });
  const tokens = new Map<string, string>();
  const token = async (email: string) => {
    if (!tokens.has(email)) {
      const res = await fetch(`${runtime.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      if (!res.ok) throw new Error(`dev login failed for ${email}: ${res.status}`);
      tokens.set(email, ((await res.json()) as { token: string }).token);
    }
    return tokens.get(email)!;
  };
  const call: TestRuntime['call'] = async (method, path, opts = {}) => httpCall(runtime.url, method, path, opts.token ?? (opts.as ? await token(opts.as) : undefined), opts);
  const setNow = async (iso: string) => {
    const res = await call('POST', '/api/dev/clock', { body: { now: iso } });
    if (res.status !== 200) throw new Error(`could not set the clock: ${res.text}`);
  };
  // The in-memory runtime's mail drop is a temporary directory: remove it with the runtime.
  const stop = async () => {
    await runtime.stop();
    rmSync(runtime.dataDir, { recursive: true, force: true });
  };
  const now = async () => new Date((await call('GET', '/api/dev/clock')).body.now);
  return { ...runtime, stop, token, call, setNow, now, remote: false };
}

/** How often a call refused by the stage throttle (429) is tried again, after Retry-After or a pause. */
const THROTTLE_RETRIES = 8;

/**
 * A deployed stage behind the same client. The stage throttle is real there: a 429 from the
 * gateway is waited out and the call repeated, as a well-behaved client does, so that
 * suites sending thousands of requests judge the handlers, not the throttle.
 */
function remoteRuntime(target: RemoteTarget): TestRuntime {
  const token = async (email: string) => {
    const found = target.tokens[email];
    if (!found) throw new Error(`DOCKET_TARGET_TOKENS has no ID token for ${email}`);
    return found;
  };
  const call: TestRuntime['call'] = async (method, path, opts = {}) => {
    const bearer = opts.token ?? (opts.as ? await token(opts.as) : undefined);
    for (let attempt = 0; ; attempt++) {
      const res = await httpCall(target.url, method, path, bearer, opts);
      if (res.status !== 429 || !isGatewayError(res) || attempt >= THROTTLE_RETRIES) return res;
      const wait = Number(res.headers.get('retry-after') ?? '') * 1000 || 250 * 2 ** attempt;
      await new Promise((r) => setTimeout(r, Math.min(wait, 10_000)));
    }
  };
  const url = new URL(target.url);
  const members: Partial<TestRuntime> = {
    url: target.url,
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    remote: true,
    token,
    call,
    now: async () => new Date(),
    setNow: async () => {
      throw new LocalOnly('the clock (POST /api/dev/clock)');
    },
    // Lambda scales by itself; nothing to warm, nothing to stop.
    warm: async () => {},
    stop: async () => {},
  };
  return new Proxy(members, {
    get(known, name) {
      if (name in known) return known[name as keyof TestRuntime];
      // Not a thenable: `await startTestRuntime()` must not mistake it for a promise.
      if (name === 'then' || typeof name === 'symbol') return undefined;
      throw new LocalOnly(`rt.${name}`);
    },
  }) as TestRuntime;
}
