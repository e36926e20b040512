// The one middy stack every HTTP function uses (middy's middlewares; its core's request
// pipeline in shared/pipeline.ts): Lambda context, header normalisation, correlation id
// and logging, the CloudFront origin check, body size limit, JSON parsing, zod
// validation, role checks, security headers, Cache-Control (shared/edge.ts), metrics
// flush, and the single translation of errors into RFC 9457 problem details.
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { principalOf } from './auth';
import { shared } from './config';
import { PRIVATE, cameThroughEdge } from './edge';
import { BadRequest, DomainError, Forbidden, PayloadTooLarge, Unauthorized } from './errors';
import { MAX_BODY_BYTES } from './limits';
import { logger } from './logger';
import { flushMetrics } from './metrics';
import { negotiate } from './messages';
import { notFoundResponse, problemOf } from './problem';
import { Reply, type Request, type Route, type RouteSpec } from './route';
import { parse } from './validation';
import { pipeline } from './pipeline';


type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

const jsonType = /^application\/([\w.+-]+\+)?json(;|$)/i;

function readBody(event: Event): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  // JSON only, and only when the client says so: a body without Content-Type is a
  // "simple" cross-site request no CORS preflight guards (issue 13), so it is refused.
  const contentType = event.headers['content-type'];
  if (!contentType || !jsonType.test(contentType)) throw new DomainError415();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('error.malformedJson');
  }
}

class DomainError415 extends DomainError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  constructor() {
    super('error.unsupportedMediaType');
  }
}

function bodySize(event: Event): number {
  if (!event.body) return 0;
  return event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body);
}

function toResult(value: unknown): Result {
  const out = value instanceof Reply ? value : new Reply(200, value);
  const headers = { ...out.headers };
  if (typeof out.body === 'string' && headers['content-type']) return { statusCode: out.status, headers, body: out.body };
  if (out.body === undefined) return { statusCode: out.status, headers };
  return { statusCode: out.status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(out.body) };
}

function serve(route: Route) {
  const { spec } = route;
  return async (event: Event, context?: Context): Promise<Result> => {
    const lang = negotiate(event.headers['accept-language']);
    const principal = principalOf(event);
    if (spec.auth !== 'public') {
      if (!principal) throw new Unauthorized('error.unauthenticated');
      if (!principal.roles.some((role) => spec.auth.includes(role))) {
        throw new Forbidden('error.role', { roles: spec.auth.join(' | ') });
      }
    }
    const request = {
      lang,
      principal,
      headers: event.headers,
      event,
      context,
      params: spec.params ? parse(spec.params, event.pathParameters ?? {}, lang) : undefined,
      query: spec.query ? parse(spec.query, event.queryStringParameters ?? {}, lang) : undefined,
      body: spec.body ? parse(spec.body, readBody(event), lang) : undefined,
    } as Request<RouteSpec>;
    const result = toResult(await route.run(request));
    // Whatever a protected route answered, a shared cache must not keep it.
    if (spec.auth !== 'public') result.headers = { ...result.headers, 'cache-control': PRIVATE };
    return result;
  };
}

const correlationIdOf = (event: Event): string => {
  const given = event.headers?.['x-correlation-id'];
  return given && /^[\w.-]{1,64}$/.test(given) ? given : event.requestContext?.requestId ?? 'local';
};

export function httpApi(routes: Route[]) {
  const router = httpRouterHandler({ routes: routes.map((route) => ({ method: route.spec.method, path: route.spec.path, handler: serve(route) })), notFoundResponse });
  // @middy/core's pipeline without its streaming mode (shared/pipeline.ts says why).
  return pipeline<Event, Result>()
    // Cold start, function and request id on every log line of the invocation.
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use({
      before: (request) => {
        const correlationId = correlationIdOf(request.event);
        (request.internal as Record<string, unknown>).correlationId = correlationId;
        logger.appendKeys({ correlationId });
        if (!cameThroughEdge(request.event.headers)) throw new Forbidden('error.viaSite');
        if (bodySize(request.event) > MAX_BODY_BYTES) throw new PayloadTooLarge('error.tooLarge', { limit: MAX_BODY_BYTES });
      },
      after: (request) => {
        decorate(request.event, request.response, request.internal.correlationId as string);
        logger.debug('request', { route: request.event.routeKey, status: request.response?.statusCode });
        flushMetrics();
        logger.resetKeys();
      },
      onError: (request) => {
        const correlationId = (request.internal.correlationId as string) ?? correlationIdOf(request.event);
        const lang = negotiate(request.event.headers?.['accept-language']);
        const { problem, headers } = problemOf(request.error, lang, correlationId);
        request.response = {
          statusCode: problem.status,
          headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang, ...headers },
          body: JSON.stringify(problem),
        };
        decorate(request.event, request.response, correlationId);
        logger.debug('request', { route: request.event.routeKey, status: problem.status });
        flushMetrics();
        logger.resetKeys();
      },
    })
    .use(
      httpSecurityHeaders({
        contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'", 'base-uri': "'none'", 'form-action': "'none'" },
        referrerPolicy: { policy: 'no-referrer' },
      }),
    )
    .handler(router);
}

function decorate(event: Event, response: Result | undefined, correlationId: string) {
  if (!response) return;
  const headers = (response.headers ??= {});
  headers['x-correlation-id'] = correlationId;
  // Only an answer its route marked public may be kept by a shared cache, and never one
  // to a request with credentials (functions/shared/edge.ts).
  if (event.headers?.authorization || typeof headers['cache-control'] !== 'string' || !headers['cache-control'].startsWith('public')) {
    headers['cache-control'] = PRIVATE;
  } else if (event.requestContext?.http?.method === 'GET' && response.statusCode === 200 && typeof response.body === 'string') {
    // A strong validator is one hash of a small public body: a revalidation costs the
    // read but not the transfer.
    const etag = `"${createHash('sha256').update(response.body).digest('base64url').slice(0, 27)}"`;
    headers.etag = etag;
    const match = event.headers?.['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.statusCode = 304;
      delete response.body;
      delete headers['content-type'];
    }
  }
  // CORS only for the site's own origin; the site is served from the same origin anyway.
  const origin = event.headers?.origin;
  if (origin && origin === shared.SITE_ORIGIN) {
    headers['access-control-allow-origin'] = origin;
    headers.vary = 'Origin';
  }
}
