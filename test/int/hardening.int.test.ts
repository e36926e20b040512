// Hardening (issue 8, 7): security headers on pages and API, CORS limited to the site's
// own origin, no stack traces, bodies over the limit refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

const expectSecurityHeaders = (headers: Headers) => {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
};

describe('hardening', () => {
  it('sends a strict CSP and the other security headers with pages, scripts and API answers', async () => {
    for (const path of ['/', '/app.js', '/app.css']) {
      const res = await fetch(`${rt.url}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res.headers);
    }
    const page = await (await fetch(`${rt.url}/`)).text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page).not.toMatch(/\sstyle=/); // no inline style
    for (const path of ['/api/sessions', '/api/sessions/nope', '/api/nothing-here']) expectSecurityHeaders((await rt.call('GET', path)).headers);
  });

  it('allows cross-origin reads only from the site itself', async () => {
    const same = await rt.call('GET', '/api/sessions', { headers: { origin: rt.url } });
    expect(same.headers.get('access-control-allow-origin')).toBe(rt.url);
    const other = await rt.call('GET', '/api/sessions', { headers: { origin: 'https://attacker.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await rt.call('OPTIONS', '/api/hearing-requests', { headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBe(404);
  });

  it('answers an unknown API route with a 404 problem naming the method and path, in the caller language', async () => {
    const res = await rt.call('DELETE', '/api/nothing-here', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.type).toBe('urn:docket:problem:not-found');
    expect(res.body.detail).toContain('DELETE');
    expect(res.body.detail).toContain('/api/nothing-here');
  });

  it('never leaks internals in errors and refuses bodies over 256 KB with 413', async () => {
    const big = await rt.call('POST', '/api/hearing-requests', { as: 'applicant1@example.org', raw: JSON.stringify({ basis: 'x'.repeat(257 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.type).toBe('urn:docket:problem:payload-too-large');
    const bad = await rt.call('POST', '/api/sessions', { as: 'secretariat@example.org', raw: '{"number": 1,', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toMatch(/SyntaxError|at JSON\.parse|node_modules/);
  });
});
