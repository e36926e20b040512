// Starts the local runtime for a test file against the run's DynamoDB Local, and gives
// tests a small HTTP client that signs in as the seeded users through the dev IdP.
import { rmSync } from 'node:fs';
import { type LocalOptions, type LocalRuntime, startLocal } from '../../local/server';

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
}

/**
 * An answer of the gateway itself (API Gateway, CloudFront, the WAF): `{"message": …}` as
 * application/json. Handlers answer errors as problem details (application/problem+json).
 */
export const isGatewayError = (res: Call): boolean =>
  (res.headers.get('content-type') ?? '').startsWith('application/json') && res.body !== null && typeof res.body === 'object' && Object.keys(res.body).join() === 'message';
export const isProblem = (res: Call): boolean => (res.headers.get('content-type') ?? '').startsWith('application/problem+json');

export type TestRuntimeOptions = Pick<LocalOptions, 'now' | 'throttle' | 'rateLimitPerMinute' | 'concurrency' | 'extraFunctions' | 'extraEventFunctions' | 'timeoutSeconds' | 'integrationTimeoutMs'>;

export async function startTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const endpoint = process.env.DOCKET_TEST_DDB;
  if (!endpoint) throw new Error('DOCKET_TEST_DDB is not set: run the tests through vitest (global setup).');
  // Tests register many people from one address on purpose: the per-client limit is off
  // unless a test asks for it (test/int/gateway.int.test.ts does). The stage throttle
  // stays as the stack sets it.
  const runtime = await startLocal({ ddbEndpoint: endpoint, inMemory: true, ...options, rateLimitPerMinute: options.rateLimitPerMinute ?? 0 });
  const tokens = new Map<string, string>();
  const token = async (email: string) => {
    if (!tokens.has(email)) {
      const res = await fetch(`${runtime.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      if (!res.ok) throw new Error(`dev login failed for ${email}: ${res.status}`);
      tokens.set(email, ((await res.json()) as { token: string }).token);
    }
    return tokens.get(email)!;
  };
  const call: TestRuntime['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const bearer = opts.token ?? (opts.as ? await token(opts.as) : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${runtime.url}${path}`, { method, headers, body: body as BodyInit | undefined });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const setNow = async (iso: string) => {
    const res = await call('POST', '/api/dev/clock', { body: { now: iso } });
    if (res.status !== 200) throw new Error(`could not set the clock: ${res.text}`);
  };
  // The in-memory runtime's mail drop is a temporary directory: remove it with the runtime.
  const stop = async () => {
    await runtime.stop();
    rmSync(runtime.dataDir, { recursive: true, force: true });
  };
  return { ...runtime, stop, token, call, setNow };
}
