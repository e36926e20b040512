// The development identity provider and the local stand-in for the API Gateway JWT
// authorizer. Tokens are real ES256 JWTs with Cognito's claim names; verification
// checks signature, issuer, audience and expiry exactly as the authorizer would, and
// hands claims over in the authorizer's shape (every value a string, arrays "[a b]").
import { type JWTPayload, SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { DevUser } from './users';

export const LOCAL_ISSUER = 'https://docket.local/dev-idp';
export const LOCAL_AUDIENCE = 'docket-local';

export interface DevIdentityProvider {
  issue(user: DevUser, options?: { expiresIn?: string | number }): Promise<string>;
  /** Claims as the JWT authorizer passes them, or undefined when the token is not valid. */
  verify(token: string): Promise<Record<string, string> | undefined>;
  jwks(): Promise<{ keys: unknown[] }>;
}

export const authorizerClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );

export async function createIdentityProvider(): Promise<DevIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = `local-${Date.now().toString(36)}`;
  return {
    async issue(user, options = {}) {
      return new SignJWT({
        email: user.email,
        'cognito:groups': user.groups,
        ...(user.nationality ? { 'custom:nationality': user.nationality } : {}),
        ...(user.commissionerId ? { 'custom:commissionerId': user.commissionerId } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(user.sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '8h')
        .sign(privateKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] });
        return authorizerClaims(payload);
      } catch {
        return undefined;
      }
    },
    async jwks() {
      return { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
    },
  };
}
