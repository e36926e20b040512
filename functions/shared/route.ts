// A route is a contract (method, path, who may call it, the zod schemas of its input)
// plus the function that serves it. The contract half is plain data: the CDK stack and
// the local runtime read it from functions/manifest.ts, and docs/openapi.ts turns it
// into the OpenAPI document, so routes, policies and docs cannot drift apart.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Principal, Role } from './auth';
import type { Lang } from './messages';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An operation whose input this response feeds (an OpenAPI link): "GET /api/ballots/{id}" and where its parameters come from. */
export interface LinkSpec {
  operation: `${Method} /${string}`;
  /** Parameter name → runtime expression, e.g. { id: '$response.body#/id' }. */
  parameters: Record<string, string>;
  description?: string;
}

export interface ResponseSpec {
  description: string;
  /** The zod schema the body answers with (the handler's view); JSON unless contentType says otherwise. */
  schema?: z.ZodMiniType;
  contentType?: string;
  links?: Record<string, LinkSpec>;
}

export interface RouteSpec {
  method: Method;
  path: string;
  /** 'public' routes have no authorizer; others need a valid JWT and one of these roles. */
  auth: 'public' | readonly Role[];
  summary: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Request headers the route reads (documented in OpenAPI). */
  headers?: readonly string[];
  /** Rules stricter than the schemas (checked by the handler), documented as x-docket-rules. */
  rules?: readonly string[];
  responses: Record<number, ResponseSpec>;
}

export const defineRoute = <const S extends RouteSpec>(spec: S): S => spec;

type Infer<T> = T extends z.ZodMiniType ? z.infer<T> : undefined;

export interface Request<S extends RouteSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
  /** Present whenever the route is not public (the stack has checked it). */
  principal: S['auth'] extends 'public' ? Principal | undefined : Principal;
  lang: Lang;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2;
  /** The Lambda context (remaining time bounds retries: shared/retry.ts budgetOf). */
  context?: Context;
}

/** What a route returns when it needs more than "200 and this JSON". */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => new Reply(status, body, headers);

export interface Route<S extends RouteSpec = RouteSpec> {
  spec: S;
  run: (request: Request<S>) => Promise<unknown>;
}

export const implement = <S extends RouteSpec>(spec: S, run: (request: Request<S>) => Promise<unknown>): Route<S> => ({
  spec,
  run,
});
