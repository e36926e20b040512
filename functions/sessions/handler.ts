// Lambda adapter for Periods of Sessions: thin routes over the store and the rules.
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { sessionRoutes as r } from './routes';
import { toSession } from './session';
import { createSession, getSession, listSessions } from './store';

export const handler = httpApi([
  implement(r.health, async () => ({ status: 'ok' })),
  implement(r.list, async () => ({ items: await listSessions() })),
  implement(r.get, async ({ params }) => getSession(params.number)),
  implement(r.create, async ({ body }) => reply(201, await createSession(toSession(body)))),
]);
