// Which tokens count as a caller (found by the second security review).
// The JWT authorizer in AWS accepts a Cognito access token of the app client as well as
// its ID token (it matches `client_id` as it matches `aud`), and an access token carries
// the groups but none of the custom attributes: no `custom:nationality`. Every handler
// reads the caller from the ID token's claims, so a commissioner who sent their own
// access token (it sits beside the ID token in the browser) stepped round Art. 17.
import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, freshSession, validBody, APPLICANT } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
});
afterAll(async () => rt?.stop());

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { sub: string; iss: string; aud: string; iat: number; exp: number; 'cognito:groups': string[] };

/** The commissioner's access token as Cognito shapes one: groups, no custom attributes, token_use access. */
async function accessTokenOf(email: string): Promise<string> {
  const id = await rt.token(email);
  const header = JSON.parse(Buffer.from(id.split('.')[0], 'base64url').toString('utf8')) as { kid: string };
  const { sub, iss, aud, iat, exp } = claimsOf(id);
  const groups = claimsOf(id)['cognito:groups'];
  const key = await importJWK(rt.idp.signingKeys()[0], 'RS256');
  // No `aud`: the authorizer (and its local stand-in) matches the client by `client_id`.
  return new SignJWT({ sub, iss, iat, exp, client_id: aud, 'cognito:groups': groups, token_use: 'access', scope: 'openid email' })
    .setProtectedHeader({ alg: 'RS256', kid: header.kid })
    .sign(key);
}

describe('a token that is not an ID token', () => {
  it('is refused: a commissioner national of a State concerned reads no note through an access token', async () => {
    const session = await freshSession(rt, WINDOW);
    const submitted = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, { states: ['mx'] }) });
    expect(submitted.status, submitted.text).toBe(201);
    const id = submitted.body.id as string;
    expect((await rt.call('POST', `/api/hearing-requests/${id}/notes`, { as: SECRETARIAT, body: { text: 'Nota compartida sobre México', shared: true } })).status).toBe(201);
    // With the ID token: recused (Art. 17).
    expect((await rt.call('GET', `/api/hearing-requests/${id}/notes`, { as: 'commissioner.mx@example.org' })).status).toBe(403);
    // With the access token of the same sign-in: no nationality, so nothing recused it.
    const access = await accessTokenOf('commissioner.mx@example.org');
    const res = await rt.call('GET', `/api/hearing-requests/${id}/notes`, { token: access });
    expect(res.text).not.toContain('Nota compartida');
    expect(res.status).toBe(401);
  });

  it('is refused on a route any signed-in caller may use, while the ID token still works', async () => {
    const access = await accessTokenOf('commissioner.cl@example.org');
    expect((await rt.call('GET', '/api/ballots', { token: access })).status).toBe(401);
    expect((await rt.call('GET', '/api/ballots', { as: 'commissioner.cl@example.org' })).status).toBe(200);
  });
});
