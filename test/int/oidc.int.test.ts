// The local OpenID Connect provider over plain HTTP, as a browser would drive it:
// discovery, /config.json, the code flow with PKCE (S256, required), the token
// exchange and refresh; the local authorizer takes the provider's ID tokens and
// /api/dev/login's (one key), and refuses a token signed by any other key.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

const PROTECTED = '/api/hearing-requests';
const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** A browser's part of the code flow: follows redirects by hand, keeping the provider's cookies. */
async function codeFlow(email: string, options: { pkce?: boolean } = {}) {
  const { config } = await configJson();
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(8));
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, rt.url), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  const authorize = new URL(`${config.oidc.authority}/auth`);
  const params: Record<string, string> = { client_id: config.oidc.clientId, redirect_uri: config.oidc.redirectUri, response_type: 'code', scope: config.oidc.scope, state, nonce: b64url(randomBytes(8)) };
  if (options.pkce !== false) Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' });
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);

  let res = await go(authorize.href);
  expect(res.status).toBe(303);
  let location = res.headers.get('location')!;
  if (!location.includes('/oidc/interaction/')) return { refused: new URL(location, rt.url) };
  const page = await (await go(location)).text();
  expect(page).toContain(`value="${email}"`);
  res = await go(`${new URL(location, rt.url).pathname}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email }).toString() });
  expect(res.status).toBe(303);
  location = res.headers.get('location')!;
  res = await go(location);
  expect(res.status).toBe(303);
  const back = new URL(res.headers.get('location')!, rt.url);
  expect(`${back.origin}${back.pathname}`).toBe(config.oidc.redirectUri);
  expect(back.searchParams.get('state')).toBe(state);
  const code = back.searchParams.get('code')!;
  const token = await fetch(`${config.oidc.authority}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: config.oidc.redirectUri, client_id: config.oidc.clientId, code_verifier: verifier }).toString(),
  });
  expect(token.status).toBe(200);
  return { tokens: (await token.json()) as { id_token: string; refresh_token?: string; access_token: string } };
}

async function configJson() {
  const res = await fetch(`${rt.url}/config.json`);
  return { res, config: (await res.json()) as { oidc: Record<'authority' | 'clientId' | 'redirectUri' | 'postLogoutRedirectUri' | 'scope', string> } };
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('local OpenID Connect provider', () => {
  it('serves /config.json naming the provider and the client, never cached', async () => {
    const { res, config } = await configJson();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(config).toEqual({
      oidc: { authority: `${rt.url}/oidc`, clientId: 'docket-local', redirectUri: `${rt.url}/`, postLogoutRedirectUri: `${rt.url}/`, scope: 'openid email profile' },
    });
    const discovery = await (await fetch(`${config.oidc.authority}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: config.oidc.authority,
      authorization_endpoint: `${rt.url}/oidc/auth`,
      token_endpoint: `${rt.url}/oidc/token`,
      jwks_uri: `${rt.url}/oidc/jwks`,
      end_session_endpoint: `${rt.url}/oidc/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('runs the code flow with PKCE; the API takes its ID token, with Cognito claims, and a renewed one', async () => {
    const { tokens } = await codeFlow('commissioner.cl@example.org');
    const claims = claimsOf(tokens!.id_token);
    expect(claims).toMatchObject({
      iss: `${rt.url}/oidc`,
      aud: 'docket-local',
      sub: 'u-c-cl',
      email: 'commissioner.cl@example.org',
      'cognito:groups': ['commissioner'],
      'custom:nationality': 'CL',
      'custom:commissionerId': 'c-cl',
      token_use: 'id',
    });
    expect((await rt.call('GET', '/api/ballots', { token: tokens!.id_token })).status).toBe(200);
    // Renewal without a new sign-in, as the site does while the session lives.
    expect(tokens!.refresh_token).toBeTruthy();
    const renewed = await fetch(`${rt.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens!.refresh_token!, client_id: 'docket-local' }).toString(),
    });
    expect(renewed.status).toBe(200);
    const again = (await renewed.json()) as { id_token: string };
    expect(claimsOf(again.id_token)['cognito:groups']).toEqual(['commissioner']);
    expect((await rt.call('GET', '/api/ballots', { token: again.id_token })).status).toBe(200);
  });

  it('refuses an authorization request without PKCE', async () => {
    const { refused } = await codeFlow('applicant1@example.org', { pkce: false });
    expect(refused?.searchParams.get('error')).toBe('invalid_request');
    expect(refused?.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('accepts /api/dev/login tokens (same key, issuer and audience) and refuses one signed by another key', async () => {
    const devToken = await rt.token('applicant1@example.org');
    const header = JSON.parse(Buffer.from(devToken.split('.')[0], 'base64url').toString('utf8')) as { kid: string };
    const jwks = (await (await fetch(`${rt.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([header.kid]);
    expect(claimsOf(devToken)).toMatchObject({ iss: `${rt.url}/oidc`, aud: 'docket-local', token_use: 'id' });
    expect((await rt.call('GET', PROTECTED, { token: devToken })).status).toBe(200);

    // Same claims, same kid, same issuer and audience: only the key differs.
    const other = await generateKeyPair('RS256');
    const claims = claimsOf(devToken);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(other.privateKey);
    const refused = await rt.call('GET', PROTECTED, { token: forged });
    expect(refused.status).toBe(401);
    // The provider's own key, but for another client (audience): refused, as the authorizer would.
    const ownKey = await importJWK(rt.idp.signingKeys()[0], 'RS256');
    const otherAudience = await new SignJWT({ ...claims, aud: 'another-client' }).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(ownKey);
    expect((await rt.call('GET', PROTECTED, { token: otherAudience })).status).toBe(401);
    const sameAgain = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(ownKey);
    expect((await rt.call('GET', PROTECTED, { token: sameAgain })).status).toBe(200);
  });
});
