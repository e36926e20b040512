// The caller, as the API Gateway JWT authorizer saw them. The authorizer has already
// checked signature, issuer, audience and expiry; handlers still check the role of
// every route (a route with no authorizer must never trust a forged claims object).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { commissioner } from './commissioners';

export const ROLES = ['applicant', 'secretariat', 'commissioner', 'state'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  email: string;
  roles: Role[];
  nationality?: string;
  commissionerId?: string;
  /** The OAS member State a `state` delegation speaks for (ISO code, `custom:state`). */
  state?: string;
}

type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway's JWT authorizer hands an array claim over as one string, its items
 * joined by spaces in brackets: ["applicant","secretariat"] arrives as
 * "[applicant secretariat]". Read exactly that: strip the brackets, split on spaces.
 * Never on commas — a group named "x,secretariat" is one group, not two. Tests may pass
 * a real array.
 */
export function groupsOf(value: JwtClaims[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(value)?.[1] ?? value;
  return inner.split(' ').filter(Boolean);
}

export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: JwtClaims } } }).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  // The authorizer also lets through the app client's access token (it matches client_id
  // as it matches aud); that token has the groups but none of the custom attributes, so a
  // commissioner would come without the nationality Art. 17 recuses them by. The caller
  // is read from an ID token only: anything else is no caller (401).
  if (claims.token_use !== undefined && claims.token_use !== 'id') return undefined;
  const roles = groupsOf(claims['cognito:groups']).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const text = (name: string) => (typeof claims[name] === 'string' && claims[name] ? String(claims[name]) : undefined);
  const commissionerId = text('custom:commissionerId');
  return {
    sub: claims.sub,
    email: text('email') ?? '',
    roles,
    // A seat's nationality is known from the seat too: a missing attribute never lifts Art. 17.
    nationality: text('custom:nationality')?.toUpperCase() ?? (commissionerId ? commissioner(commissionerId)?.nationality : undefined),
    commissionerId,
    state: text('custom:state')?.toUpperCase(),
  };
}
