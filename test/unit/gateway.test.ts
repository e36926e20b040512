// The gateway and Lambda stand-ins' pure rules (local/gateway.ts, local/lambda.ts).
import { describe, expect, it } from 'vitest';
import { httpFunctions } from '../../functions/manifest';
import { ClientRateLimit, TokenBucket, replyOf, withSiteHeaders } from '../../local/gateway';
import { functionEnv } from '../../local/lambda';

describe('stage throttle', () => {
  it('lets a burst through, then refuses until tokens come back', () => {
    const bucket = new TokenBucket(0.001, 3);
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
  });
});

describe('per-client limit', () => {
  it('counts a sliding minute per client and says how long to wait', () => {
    const limit = new ClientRateLimit(2);
    expect(limit.check('a', 0)).toBe(0);
    expect(limit.check('a', 10_000)).toBe(0);
    expect(limit.check('a', 20_000)).toBe(40);
    expect(limit.check('b', 20_000)).toBe(0);
    expect(limit.check('a', 60_001)).toBe(0);
    expect(new ClientRateLimit(0).check('a', 0)).toBe(0);
  });
});

describe('answers', () => {
  it('keeps CloudFront\'s overriding headers and the function\'s others', () => {
    const merged = withSiteHeaders({ 'x-frame-options': 'DENY', 'permissions-policy': 'camera=()' }, { 'X-Frame-Options': 'SAMEORIGIN', 'permissions-policy': 'x', 'cache-control': 'no-store' });
    expect(merged).toEqual({ 'x-frame-options': 'DENY', 'permissions-policy': 'x', 'cache-control': 'no-store' });
  });

  it('turns a function error or a response over 6 MB into a 500 {"message"}', () => {
    expect(replyOf({ kind: 'error', errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' })).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
    const big = JSON.stringify({ statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024) });
    expect(replyOf({ kind: 'ok', payload: big }).status).toBe(500);
    expect(replyOf({ kind: 'ok', payload: JSON.stringify({ statusCode: 201, headers: { a: 'b', c: undefined }, body: 'hi' }) })).toEqual({ status: 201, headers: { a: 'b' }, body: 'hi' });
  });
});

describe('function environment', () => {
  const settings = { siteOrigin: 'http://localhost:1', mailFrom: 'm@x', ddbEndpoint: 'http://127.0.0.1:2', mailDir: '/tmp/mail', signWithIdentity: true };
  it('holds the granted tables only, the stack settings, and the function\'s own key', () => {
    const registrations = httpFunctions.find((f) => f.name === 'registrations')!;
    const env = functionEnv(registrations, settings, { DOCKET_RETENTION_DAYS: '30', DOCKET_TEST_DDB: 'x', DOCKET_NOW: 'y', SECRET: 'z', EVOTE_TABLE: 'docket-evote' });
    expect(env).toMatchObject({ REGISTRATIONS_TABLE: 'docket-registrations', SESSIONS_TABLE: 'docket-sessions', OUTBOX_TABLE: 'docket-outbox', AWS_ACCESS_KEY_ID: 'fn-registrations', DOCKET_RETENTION_DAYS: '30' });
    for (const name of ['EVOTE_TABLE', 'HEARINGS_TABLE', 'SECRET', 'DOCKET_TEST_DDB', 'DOCKET_NOW']) expect(env).not.toHaveProperty(name);
    expect(functionEnv(registrations, { ...settings, signWithIdentity: false }).AWS_ACCESS_KEY_ID).toBe('local');
  });
});
