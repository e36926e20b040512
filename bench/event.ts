// Builds API Gateway HTTP API v2 events for invoking handlers in-process (benchmarks
// and handler-level tests), with claims where the JWT authorizer would put them.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface EventInput {
  method: string;
  /** The route pattern, e.g. '/api/sessions/{number}' */
  route: string;
  /** The concrete path, e.g. '/api/sessions/178' */
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  claims?: Record<string, string>;
}

export function apiEvent(input: EventInput): APIGatewayProxyEventV2 {
  const path = input.path ?? input.route;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': 'en', ...input.headers };
  return {
    version: '2.0',
    routeKey: `${input.method} ${input.route}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers,
    queryStringParameters: input.query,
    pathParameters: input.pathParameters,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: input.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `${input.method} ${input.route}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: null } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
}

/** Claims as the JWT authorizer hands them over for a seeded user. */
export const claimsFor = (user: { sub: string; email: string; groups: string[]; nationality?: string; commissionerId?: string }) => ({
  sub: user.sub,
  email: user.email,
  'cognito:groups': `[${user.groups.join(' ')}]`,
  ...(user.nationality ? { 'custom:nationality': user.nationality } : {}),
  ...(user.commissionerId ? { 'custom:commissionerId': user.commissionerId } : {}),
});

export const lambdaContext = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000, callbackWaitsForEmptyEventLoop: false };
