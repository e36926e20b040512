// The local stand-in for what sits in front of the functions in AWS: CloudFront (header
// precedence, the viewer address), the WAF rate-based rule on the public registration
// route, and the API Gateway HTTP API (stage throttle, JWT authorizer, route matching,
// the event it builds, payload limits, integration timeout). Everything the gateway
// answers by itself has API Gateway's shape, `{"message": …}` with application/json,
// never problem details: tests tell a gateway error from a handler error by that.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionDef } from '../functions/manifest';
import type { Outcome } from './lambda';

export interface GatewayReply {
  status: number;
  headers: Record<string, string | number>;
  body?: string | Buffer;
}

/**
 * API Gateway's own answers. HTTP APIs answer 401 when the JWT authorizer refuses a token
 * and 429 when the stage throttle is exceeded. A Lambda function error (an exception the
 * runtime sees, a crash, the function's own timeout, a response over 6 MB) is answered
 * 500 Internal Server Error. When the integration itself takes longer than the HTTP API's
 * 30 s integration timeout, HTTP APIs answer 503 Service Unavailable — not the 504
 * "Endpoint request timed out" of REST APIs (reported in serverless/serverless#11222,
 * "a 503 with a successful lambda execution" past the API timeout; anomalyco/sst#2232,
 * "a status 503 code and message "Service Unavailable"" while the function still ran).
 */
export const GATEWAY = {
  unauthorized: { status: 401, message: 'Unauthorized' },
  notFound: { status: 404, message: 'Not Found' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  tooMany: { status: 429, message: 'Too Many Requests' },
  functionError: { status: 500, message: 'Internal Server Error' },
  integrationTimeout: { status: 503, message: 'Service Unavailable' },
} as const;

export const gatewayError = (which: { status: number; message: string }, headers: Record<string, string | number> = {}): GatewayReply => ({
  status: which.status,
  headers: { 'content-type': 'application/json', 'x-docket-gateway': 'local', ...headers },
  body: JSON.stringify({ message: which.message }),
});

/** The stage throttle of lib/api.ts (THROTTLE) unless configured otherwise. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 };
/** API Gateway's request payload limit; Lambda's response payload limit (synchronous). */
export const GATEWAY_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const LAMBDA_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
/** HTTP APIs give up on an integration after 30 s. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

/** The stage throttle: a token bucket, `rate` tokens a second up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * The per-client limit on the public registration route (issue 13). In AWS it is a WAF
 * rate-based rule on CloudFront; locally a sliding minute per client address. Answers
 * how many seconds the client must wait, or 0 when the request may pass.
 */
export class ClientRateLimit {
  private readonly seen = new Map<string, number[]>();
  constructor(readonly perMinute: number) {}
  check(client: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    const recent = (this.seen.get(client) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(client, recent);
      return Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    }
    recent.push(now);
    this.seen.set(client, recent);
    return 0;
  }
}

/** The public registration route the WAF rule guards. */
export const isRateLimitedRoute = (method: string, routeKey: string) => method === 'POST' && routeKey === 'POST /api/sessions/{number}/registrations';

/**
 * The viewer's address as CloudFront passes it on: CloudFront appends the address it saw
 * to X-Forwarded-For, so the last entry is the one no viewer can forge.
 */
export function clientOf(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((s) => s.trim()).filter(Boolean).pop();
  return last ?? req.socket.remoteAddress ?? '127.0.0.1';
}

/**
 * CloudFront's response headers policy (lib/frontend.ts) sets these with override: true,
 * so in AWS its values replace whatever the function answered; the other site headers
 * are defaults a response may set itself.
 */
export const CLOUDFRONT_OVERRIDES = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'] as const;

export function withSiteHeaders(site: Record<string, string>, own: Record<string, string | number>): Record<string, string | number> {
  const merged: Record<string, string | number> = { ...site };
  for (const [name, value] of Object.entries(own)) merged[name.toLowerCase()] = value;
  for (const name of CLOUDFRONT_OVERRIDES) if (site[name] !== undefined) merged[name] = site[name];
  return merged;
}

export interface Route {
  fn: FunctionDef;
  method: string;
  routeKey: string;
  pattern: RegExp;
  names: string[];
  isPublic: boolean;
}

export function compileRoute(fn: FunctionDef, method: string, path: string, isPublic: boolean): Route {
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)(\\\+)?\}/g, (_m, name: string, greedy?: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { fn, method, routeKey: `${method} ${path}`, pattern: new RegExp(`^${source}/?$`), names, isPublic };
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) return { route, params: Object.fromEntries(route.names.map((n, i) => [n, safeDecode(match[i + 1]!)])) };
  }
  return undefined;
}

/**
 * The payload format 2.0 event. HTTP APIs hand the path over percent-decoded, in
 * `rawPath` as in `requestContext.http.path` (REST APIs and function URLs keep it
 * encoded; middleapi/standard-server#93 cites captures of each). Headers are lower-case
 * and repeated ones joined by commas; cookies travel apart.
 */
export function toEvent(req: IncomingMessage, url: URL, body: Buffer, routeKey: string, params: Record<string, string>, claims?: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const now = new Date();
  const text = body.length > 0 && isUtf8Text(body);
  const path = safeDecode(url.pathname);
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length === 0 ? undefined : text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: req.method ?? 'GET', path, protocol: 'HTTP/1.1', sourceIp: clientOf(req), userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
}

const isUtf8Text = (body: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
};

/** How API Gateway turns what Lambda returned into the HTTP answer. */
export function replyOf(outcome: Outcome): GatewayReply {
  if (outcome.kind === 'error') return gatewayError(GATEWAY.functionError);
  // Past 6 MB Lambda itself fails the invocation (the function succeeded, the caller
  // gets an error), and API Gateway answers it as any function error.
  if (Buffer.byteLength(outcome.payload) > LAMBDA_MAX_RESPONSE_BYTES) return gatewayError(GATEWAY.functionError);
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = JSON.parse(outcome.payload) as APIGatewayProxyStructuredResultV2;
  } catch {
    return gatewayError(GATEWAY.functionError);
  }
  // Payload format 2.0: JSON without a statusCode is taken as a 200 with that JSON as body.
  if (!result || typeof result !== 'object' || typeof result.statusCode !== 'number') {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: outcome.payload };
  }
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string | number>;
  const body = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  return { status: result.statusCode, headers, body };
}
