// Does an answer match the contract? The route's documented statuses and, for each, the
// zod schema the OpenAPI document was generated from (functions/docs/contract.ts): the
// fuzz test calls this for every answer it gets.
import { nonConformance } from '../../functions/docs/contract';
import { allRoutes } from '../../functions/manifest';
import type { RouteSpec } from '../../functions/shared/route';

const specs = new Map<string, RouteSpec>(allRoutes().map((s) => [`${s.method} ${s.path}`, s]));

/**
 * Success statuses whose body has no schema yet, by operation: registrations, whose
 * routes another change is rewriting (issue 13); remove entries as schemas land.
 */
export const PENDING_SCHEMAS = new Set<string>([]);

/** What is wrong with an answer to `operation` ("GET /api/ballots/{id}"), or undefined. */
export function conformanceFailure(operation: string, res: { status: number; headers: Headers; body: unknown }): string | undefined {
  const spec = specs.get(operation);
  if (!spec) return `${operation} is not in the document`;
  if (PENDING_SCHEMAS.has(`${operation} ${res.status}`)) return undefined;
  const wrong = nonConformance(spec, res.status, res.headers.get('content-type'), res.body);
  return wrong && `${operation} → ${res.status}: ${wrong}`;
}
