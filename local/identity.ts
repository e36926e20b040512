// The development identity provider's keys and the local stand-in for the API Gateway
// JWT authorizer. One RSA key signs everything: the ID tokens the local OpenID Connect
// provider (local/oidc.ts) issues through the code flow, and the ones POST
// /api/dev/login hands to scripts and tests. Tokens carry Cognito's claim names.
// Verification checks signature against the provider's JWKS, issuer, audience (the
// client id) and expiry, exactly as the authorizer does against Cognito's, and hands
// claims over in the authorizer's shape (every value a string, arrays "[a b]").
import { type JWK, type JWTPayload, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { DevUser } from './users';

/** The public client of the local provider; the audience of its ID tokens (as Cognito's app client id). */
export const LOCAL_CLIENT_ID = 'docket-local';
export const LOCAL_AUDIENCE = LOCAL_CLIENT_ID;
/** Where the provider lives on the runtime's origin: the issuer is `${origin}${LOCAL_ISSUER_PATH}`. */
export const LOCAL_ISSUER_PATH = '/oidc';
/** @deprecated The issuer depends on the runtime's port: use `runtime.idp.issuer`. */
export const LOCAL_ISSUER = `http://localhost${LOCAL_ISSUER_PATH}`;

export interface DevIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  issue(user: DevUser, options?: { expiresIn?: string | number }): Promise<string>;
  /** Claims as the JWT authorizer passes them, or undefined when the token is not valid. */
  verify(token: string): Promise<Record<string, string> | undefined>;
  /** The public keys (what the provider publishes at its jwks_uri). */
  jwks(): Promise<{ keys: JWK[] }>;
  /** The private signing keys, for the provider's `jwks` setting only. */
  signingKeys(): JWK[];
}

export const authorizerClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );

/** The claims of a user's ID token beyond the registered ones, named as Cognito names them. */
export const userClaims = (user: DevUser) => ({
  email: user.email,
  email_verified: true,
  name: user.name,
  'cognito:groups': user.groups,
  ...(user.nationality ? { 'custom:nationality': user.nationality } : {}),
  ...(user.commissionerId ? { 'custom:commissionerId': user.commissionerId } : {}),
  ...(user.state ? { 'custom:state': user.state } : {}),
  token_use: 'id',
});

export async function createIdentityProvider(options: { issuer: string }): Promise<DevIdentityProvider> {
  // RS256, as Cognito signs; a new key per start, so tokens never outlive the runtime.
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const meta = { kid, alg: 'RS256', use: 'sig' };
  const publicJwks = { keys: [{ ...(await exportJWK(publicKey)), ...meta }] };
  const privateJwk = { ...(await exportJWK(privateKey)), ...meta };
  const keySet = createLocalJWKSet(publicJwks);
  const { issuer } = options;
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    async issue(user, opts = {}) {
      return new SignJWT(userClaims(user))
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(user.sub)
        .setIssuer(issuer)
        .setAudience(LOCAL_CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? '8h')
        .sign(privateKey);
    },
    async verify(token) {
      try {
        // As the HTTP API JWT authorizer: the client id in `aud` (ID tokens) or in
        // `client_id` (access tokens, which have no aud).
        const { payload } = await jwtVerify(token, keySet, { issuer, algorithms: ['RS256'] });
        const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
        if (!audiences.includes(LOCAL_CLIENT_ID) && payload.client_id !== LOCAL_CLIENT_ID) return undefined;
        return authorizerClaims(payload);
      } catch {
        return undefined;
      }
    },
    async jwks() {
      return publicJwks;
    },
    signingKeys: () => [privateJwk],
  };
}
