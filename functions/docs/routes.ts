// The live API document.
import { defineRoute } from '../shared/route';

export const docsRoutes = {
  openapi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    auth: 'public',
    summary: 'This OpenAPI document, generated from the zod schemas that validate requests',
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  }),
} as const;
