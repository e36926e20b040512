// Builds the OpenAPI 3.1 document from the route contracts: the same zod schemas that
// validate requests become the request and response schemas here.
import * as z from 'zod/mini';
import type { RouteSpec } from '../shared/route';
import { documentedResponses, GatewayMessage, Problem } from './contract';

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** A stable operationId from the method and path: GET /api/ballots/{id} → getApiBallotsById. */
export const operationId = (method: string, path: string) =>
  method.toLowerCase() +
  path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith('{') ? `By${cap(part.slice(1, -1))}` : part.split(/[^A-Za-z0-9]+/).map(cap).join('')))
    .join('');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function openApiDocument(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
      if (!schema) continue;
      const props = (jsonSchema(schema, 'input').properties ?? {}) as Record<string, unknown>;
      const required = (jsonSchema(schema, 'input').required ?? []) as string[];
      for (const [name, s] of Object.entries(props)) parameters.push({ name, in: where, required: where === 'path' || required.includes(name), schema: s });
    }
    for (const name of spec.headers ?? []) parameters.push({ name, in: 'header', required: false, schema: { type: 'string' } });
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(documentedResponses(spec))) {
      const links = r.links
        ? Object.fromEntries(Object.entries(r.links).map(([name, l]) => {
            const [method, path] = l.operation.split(' ');
            return [name, { operationId: operationId(method, path), parameters: l.parameters, ...(l.description ? { description: l.description } : {}) }];
          }))
        : undefined;
      responses[status] = r.error
        ? {
            description: r.description,
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
              ...(r.error.gateway ? { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } } : {}),
            },
          }
        : {
            description: r.description,
            ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } } } : r.contentType ? { content: { [r.contentType]: { schema: { type: 'string' } } } } : {}),
            ...(links ? { links } : {}),
          };
    }
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = {
      operationId: operationId(spec.method, spec.path),
      summary: spec.summary,
      ...(spec.rules?.length ? { description: `Rules beyond the schemas:\n${spec.rules.map((r) => `- ${r}`).join('\n')}`, 'x-docket-rules': spec.rules } : {}),
      'x-docket-roles': spec.auth,
      ...(spec.auth === 'public' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Docket API', version: '1.0.0', description: 'Hearings, Periods of Sessions and E-Vote of the IACHR.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: jsonSchema(Problem, 'output'),
        GatewayMessage: jsonSchema(GatewayMessage, 'output'),
      },
    },
    paths,
  };
}
