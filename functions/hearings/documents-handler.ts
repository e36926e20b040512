// Lambda adapter for supporting documents: its own function, the only one of the
// hearings context granted the documents bucket.
import { clock } from '../shared/clock';
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { documentRoutes as r } from './documents-routes';
import { attach, documentsOf, downloadOf, removeOf } from './documents-workflow';

export const handler = httpApi([
  implement(r.attach, async ({ params, body, principal }) => reply(201, await attach(params.id, body, principal, clock.now()))),
  implement(r.list, async ({ params, principal }) => documentsOf(params.id, principal)),
  implement(r.download, async ({ params, principal }) => downloadOf(params.id, params.documentId, principal)),
  implement(r.remove, async ({ params, principal }) => removeOf(params.id, params.documentId, principal)),
]);
