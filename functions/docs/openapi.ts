// Builds the OpenAPI 3.1 document from the route contracts: the same zod schemas that
// validate requests become the request and response schemas here.
import * as z from 'zod/mini';
import type { RouteSpec } from '../shared/route';

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

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
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = Number(status) >= 400
        ? { ...problem, description: r.description }
        : { description: r.description, ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } } } : {}) };
    }
    for (const status of spec.auth === 'public' ? ['400', '422'] : ['400', '401', '403', '422']) responses[status] ??= problem;
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = {
      summary: spec.summary,
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
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    paths,
  };
}
