// Serves GET /api/openapi.json; the document is built once per cold start.
import { allRoutes } from '../manifest';
import { httpApi } from '../shared/http';
import { implement } from '../shared/route';
import { openApiDocument } from './openapi';
import { docsRoutes } from './routes';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpApi([implement(docsRoutes.openapi, async () => (document ??= openApiDocument(allRoutes())))]);
