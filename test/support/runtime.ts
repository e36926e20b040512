// Starts the local runtime for a test file against the run's DynamoDB Local, and gives
// tests a small HTTP client that signs in as the seeded users through the dev IdP.
import { rmSync } from 'node:fs';
import { type LocalRuntime, startLocal } from '../../local/server';

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

export async function startTestRuntime(options: { now?: string } = {}): Promise<TestRuntime> {
  const endpoint = process.env.DOCKET_TEST_DDB;
  if (!endpoint) throw new Error('DOCKET_TEST_DDB is not set: run the tests through vitest (global setup).');
  const runtime = await startLocal({ ddbEndpoint: endpoint, inMemory: true, now: options.now });
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
