// What the HTTP functions agree with CloudFront in front of them: which answers a
// shared cache may keep, and the secret header that proves a request came through it.
//
// Caching: only the public reads (sessions, the published schedule and its iCal) say
// `public`; they are short-lived at the edge (30 s, then 30 s served stale while one
// request refreshes), so a publication shows everywhere within a minute without an
// invalidation. Everything else is `private, no-store` (http.ts), and a request that
// carries credentials is never answered cacheably, whatever the route says.
//
// Origin check: the HTTP API's execute-api endpoint is public and would bypass the WAF
// and CloudFront's headers. An HTTP API has no resource policy, a Lambda authorizer on
// every route would add a second invocation per request (and a route takes only one
// authorizer, the JWT one), and disabling the default endpoint needs a custom domain
// that is just as public. So CloudFront adds ORIGIN_VERIFY_HEADER with a value from
// Secrets Manager, and every function refuses a request without it (403, before any
// route runs). The JWT authorizer still answers 401 first for protected routes.
import { timingSafeEqual } from 'node:crypto';
import { optional, readConfig } from './config';

export const PUBLIC_READ = 'public, max-age=30, s-maxage=30, stale-while-revalidate=30';
export const PRIVATE = 'private, no-store';
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

const config = readConfig({
  /** Set by the stack; unset locally, where there is no CloudFront. */
  ORIGIN_VERIFY_SECRET: optional(16),
});

/** Whether the request came through CloudFront (always true without a secret). */
export function cameThroughEdge(headers: Record<string, string | undefined>, secret = config.ORIGIN_VERIFY_SECRET): boolean {
  if (!secret) return true;
  const given = Buffer.from(headers[ORIGIN_VERIFY_HEADER] ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
