// The callers of the authorization matrix (issue 8): real tokens from the local dev IdP,
// and the bad ones — forged signature, expired, another issuer, an unknown group.
import { SignJWT, generateKeyPair } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../local/identity';
import { devUsers } from '../../local/users';
import type { TestRuntime } from './runtime';
import { LOCAL_ONLY, remoteTarget } from './target';

export const PRINCIPALS = [
  'anonymous',
  'owner',
  'otherApplicant',
  'secretariat',
  'commissioner',
  'recusedCommissioner',
  'forged',
  'expired',
  'foreignIssuer',
  'unknownGroup',
  'state',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export const EMAIL = {
  owner: 'applicant1@example.org',
  otherApplicant: 'applicant2@example.org',
  secretariat: 'secretariat@example.org',
  /** Eligible in the matrix's ballots (their State concerned is never Chile). */
  commissioner: 'commissioner.cl@example.org',
  /** The matrix's ballots concern Mexico: this commissioner is recused (Art. 17). */
  recusedCommissioner: 'commissioner.mx@example.org',
  /** The delegation of Colombia: the matrix's hearing requests concern Colombia (issue 16). */
  state: 'state.co@example.org',
} as const;

const user = (email: string) => devUsers.find((u) => u.email === email)!;

/**
 * Principals a run cannot have, with the reason: against a deployed stage, the expired
 * and unknown-group tokens are the token file's `@expired` and `@unknownGroup`, if given
 * (the local identity provider mints them otherwise).
 */
export function unavailablePrincipals(): Partial<Record<PrincipalName, string>> {
  if (!remoteTarget) return {};
  const out: Partial<Record<PrincipalName, string>> = {};
  if (!remoteTarget.tokens['@expired']) out.expired = LOCAL_ONLY.mint;
  if (!remoteTarget.tokens['@unknownGroup']) out.unknownGroup = LOCAL_ONLY.mint;
  return out;
}

export async function tokensFor(rt: TestRuntime): Promise<Record<PrincipalName, string | undefined>> {
  const secretariat = await rt.token(EMAIL.secretariat);
  const [head, payload] = secretariat.split('.');
  const other = await generateKeyPair('ES256');
  const claims = { email: 'x@example.org', 'cognito:groups': ['secretariat'] };
  return {
    anonymous: undefined,
    owner: await rt.token(EMAIL.owner),
    otherApplicant: await rt.token(EMAIL.otherApplicant),
    secretariat,
    commissioner: await rt.token(EMAIL.commissioner),
    recusedCommissioner: await rt.token(EMAIL.recusedCommissioner),
    // The secretariat's own header and claims with a signature that is not the IdP's.
    forged: `${head}.${payload}.${Buffer.from('not the signature of this token at all, forged').toString('base64url')}`,
    expired: remoteTarget ? remoteTarget.tokens['@expired'] : await rt.idp.issue(user(EMAIL.secretariat), { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
    foreignIssuer: await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('u-intruder')
      .setIssuer('https://login.elsewhere.example')
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey),
    state: remoteTarget ? remoteTarget.tokens[EMAIL.state] : await rt.token(EMAIL.state),
    unknownGroup: remoteTarget
      ? remoteTarget.tokens['@unknownGroup']
      : await rt.idp.issue({ sub: 'u-observer', email: 'observer@example.org', name: 'Observer', groups: ['observer' as never] }),
  };
}

export { LOCAL_ISSUER };
