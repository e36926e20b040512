// The live API document.
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';

export const docsRoutes = {
  openapi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    auth: 'public',
    summary: 'This OpenAPI document, generated from the zod schemas that validate requests',
    responses: {
      200: {
        description: 'OpenAPI 3.1 document',
        schema: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.record(z.string(), z.unknown())) }),
      },
    },
  }),
} as const;
