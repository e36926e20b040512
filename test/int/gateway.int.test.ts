// The gateway stand-in (issues 12 and 13): what API Gateway, CloudFront and the WAF
// answer by themselves has their shape ({"message": …}); handler errors stay problem
// details. Also the per-client limit on registration, Content-Type, malformed paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../lib/site-headers';
import { probeFunctions } from '../support/probe';
import { type TestRuntime, isGatewayError, isProblem, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
const extra: TestRuntime[] = [];
beforeAll(async () => {
  rt = await startTestRuntime({ extraFunctions: probeFunctions });
});
afterAll(async () => {
  await Promise.all([rt, ...extra].map((r) => r?.stop()));
});

describe('API Gateway answers', () => {
  it('401 {"message":"Unauthorized"} for a missing or bad token, before the handler', async () => {
    for (const token of [undefined, 'not-a-jwt', `${await rt.token('secretariat@example.org')}x`]) {
      const res = await rt.call('GET', '/api/ballots', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
      expect(isGatewayError(res)).toBe(true);
      expect(isProblem(res)).toBe(false);
    }
    // A handler's refusal is a problem, not a gateway error.
    const forbidden = await rt.call('GET', '/api/ballots', { as: 'applicant1@example.org' });
    expect(forbidden.status).toBe(403);
    expect(isProblem(forbidden)).toBe(true);
    expect(isGatewayError(forbidden)).toBe(false);
  });

  it('429 {"message":"Too Many Requests"} past the stage throttle', async () => {
    const throttled = await startTestRuntime({ throttle: { rateLimit: 1, burstLimit: 5 } });
    extra.push(throttled);
    const answers = await Promise.all(Array.from({ length: 30 }, () => throttled.call('GET', '/api/sessions')));
    const ok = answers.filter((a) => a.status === 200);
    const tooMany = answers.filter((a) => a.status === 429);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(tooMany.length).toBeGreaterThanOrEqual(20);
    expect(ok.length + tooMany.length).toBe(30);
    for (const res of tooMany) expect(res.body).toEqual({ message: 'Too Many Requests' });
  });

  it('500 {"message":"Internal Server Error"} when the response exceeds Lambda\'s 6 MB', async () => {
    expect((await rt.call('GET', '/api/test/probe?bytes=1000')).status).toBe(200);
    const big = await rt.call('GET', `/api/test/probe?bytes=${6 * 1024 * 1024 + 10}`);
    expect(big.status).toBe(500);
    expect(big.body).toEqual({ message: 'Internal Server Error' });
  });

  it('503 {"message":"Service Unavailable"} past the integration timeout, while the function may run on', async () => {
    const slow = await startTestRuntime({ extraFunctions: probeFunctions, integrationTimeoutMs: 1_500, concurrency: 1 });
    extra.push(slow);
    const res = await slow.call('GET', '/api/test/probe-evote?sleep=3000');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ message: 'Service Unavailable' });
  });

  it('hands the handler the path decoded, as HTTP APIs do', async () => {
    const res = await rt.call('GET', '/api/test/probe/a%20b%C3%B1');
    expect(res.status).toBe(200);
    expect(res.body.rawPath).toBe('/api/test/probe/a bñ');
    expect(res.body.pathParameters).toEqual({ name: 'a bñ' });
  });

  it('lets CloudFront\'s security headers win over the function\'s', async () => {
    const res = await rt.call('GET', '/api/test/probe');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect((await rt.call('GET', '/api/sessions')).headers.get('content-security-policy')).toBe(contentSecurityPolicy([rt.s3.endpoint]));
  });
});

describe('per-client limit on registration (the WAF rule)', () => {
  it('answers 429 with Retry-After past 10 registrations a minute from one client, and only to that client', async () => {
    const limited = await startTestRuntime({ rateLimitPerMinute: 10 });
    extra.push(limited);
    // Bodies the handler refuses still count: the rule sits before the API.
    const attempt = (ip: string) => limited.call('POST', '/api/sessions/999999/registrations', { body: {}, headers: { 'x-forwarded-for': ip } });
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await attempt('203.0.113.7'));
    const limitedOnes = answers.filter((a) => a.status === 429);
    expect(limitedOnes.length).toBe(20);
    expect(answers.slice(0, 10).every((a) => a.status !== 429 && isProblem(a))).toBe(true);
    for (const res of limitedOnes) {
      expect(res.body).toEqual({ message: 'Too Many Requests' });
      const retry = Number(res.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
    }
    expect((await attempt('203.0.113.8')).status).not.toBe(429);
    // Other routes are not limited.
    expect((await limited.call('GET', '/api/sessions', { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);
  });
});

describe('requests the handler refuses (issue 13)', () => {
  it('415 for a body without Content-Type: application/json, in the caller\'s language', async () => {
    const json = JSON.stringify({ name: 'X', email: 'x@example.org' });
    const bare = await rt.call('POST', '/api/sessions/1/registrations', { raw: new TextEncoder().encode(json), headers: { 'accept-language': 'fr' } });
    expect(bare.status).toBe(415);
    expect(isProblem(bare)).toBe(true);
    expect(bare.body.detail).toBe('Envoyez le corps en application/json.');
    const text = await rt.call('POST', '/api/sessions/1/registrations', { raw: json, headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await rt.call('POST', '/api/sessions', { as: 'secretariat@example.org', raw: json })).status).toBe(415);
  });

  it('400 for a malformed percent-encoded path on the static site', async () => {
    const res = await fetch(`${rt.url}/%zz`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${rt.url}/`)).status).toBe(200);
  });
});
