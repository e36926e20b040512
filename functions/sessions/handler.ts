// Lambda adapter for Periods of Sessions: thin routes over the store and the rules.
import { PUBLIC_READ } from '../shared/edge';
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { sessionRoutes as r } from './routes';
import { toSession } from './session';
import { createSession, getSession, listSessions } from './store';

export const handler = httpApi([
  implement(r.health, async () => ({ status: 'ok' })),
  // Public reads: CloudFront may serve them from its cache for a few seconds.
  implement(r.list, async () => reply(200, { items: await listSessions() }, { 'cache-control': PUBLIC_READ })),
  implement(r.get, async ({ params }) => reply(200, await getSession(params.number), { 'cache-control': PUBLIC_READ })),
  implement(r.create, async ({ body }) => reply(201, await createSession(toSession(body)))),
]);
