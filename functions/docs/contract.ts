// The complete response contract of a route: what its spec declares plus the answers
// every route of its kind can give (validation, authentication, the gateway's own). One
// function, read by the OpenAPI document and by the conformance check of the fuzz test,
// so the document and the check cannot disagree.
import * as z from 'zod/mini';
import type { ResponseSpec, RouteSpec } from '../shared/route';
import { lazySchema } from '../shared/lazy';

/** RFC 9457 problem details, as functions/shared/problem.ts writes them. */
export const Problem = lazySchema(() => z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  correlationId: z.optional(z.string()),
}));

/** API Gateway's own answers (no token, body over its limit, throttled): `{ message }`. */
export const GatewayMessage = lazySchema(() => z.object({ message: z.string() }));

export interface DocumentedResponse extends ResponseSpec {
  /** Errors: problem+json from the function; some may also come from the gateway. */
  error?: { gateway: boolean };
}

const GENERIC: Record<number, string> = {
  400: 'Malformed request (JSON, percent-encoding)',
  401: 'No valid token (the gateway answers { message })',
  403: 'The caller’s role may not use this route',
  404: 'Unknown resource',
  413: 'Body over the size limit',
  415: 'Body not sent as application/json',
  422: 'A field breaks a rule: errors names each field',
  429: 'Throttled (the gateway answers { message }, with Retry-After)',
};

/** Every status a route can answer, with its description and body schema. */
export function documentedResponses(spec: RouteSpec): Record<number, DocumentedResponse> {
  const out: Record<number, DocumentedResponse> = {};
  const add = (status: number, gateway = false) => (out[status] ??= { description: GENERIC[status], error: { gateway } });
  for (const [status, r] of Object.entries(spec.responses)) {
    const code = Number(status);
    out[code] = code >= 400 ? { ...r, error: { gateway: code === 401 || code === 413 || code === 429 } } : r;
  }
  add(400);
  if (spec.params || spec.query || spec.body) add(422);
  if (spec.params) add(404);
  // Any request that may carry a body meets the size limit and the content-type rule,
  // whether or not the route reads one.
  if (spec.body || spec.method !== 'GET') {
    add(413, true);
    add(415);
  }
  if (spec.auth !== 'public') {
    add(401, true);
    add(403);
  }
  add(429, true);
  return out;
}

/**
 * Checks one answer against the contract: a documented status, and a body that the
 * documented zod schema accepts (problem details for errors; `{ message }` also allowed
 * where the gateway may answer). Returns what is wrong, or undefined.
 */
export function nonConformance(spec: RouteSpec, status: number, contentType: string | null, body: unknown): string | undefined {
  const documented = documentedResponses(spec)[status];
  if (!documented) return `status ${status} is not documented`;
  const type = (contentType ?? '').split(';')[0].trim();
  if (documented.error) {
    if (type === 'application/problem+json') return issues(Problem, body);
    if (documented.error.gateway && type === 'application/json') return issues(GatewayMessage, body);
    return `content-type ${type || '(none)'} for an error`;
  }
  const expected = documented.contentType ?? 'application/json';
  if (type !== expected && !(expected === 'application/json' && !documented.schema && type === '')) return `content-type ${type || '(none)'}, documented ${expected}`;
  if (expected !== 'application/json') return undefined;
  if (!documented.schema) return status === 204 ? undefined : `status ${status} has no schema`;
  return issues(documented.schema, body);
}

function issues(schema: z.ZodMiniType, body: unknown): string | undefined {
  const result = z.safeParse(schema, body);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
