// Lambda adapter for hearing requests: thin routes over the workflow.
import { clock } from '../shared/clock';
import { httpApi } from '../shared/http';
import { budgetOf } from '../shared/retry';
import { implement, reply } from '../shared/route';
import { hearingRoutes as r } from './routes';
import { decideRequest, edit, idempotencyOf, list, read, submit, withdraw } from './workflow';
import { viewOf } from './view';
import { openNames } from './confidential';

export const handler = httpApi([
  implement(r.submit, async ({ body, principal, lang, headers, context }) => {
    const idem = idempotencyOf(headers['idempotency-key'], principal.sub, body);
    const { request, replayed } = await submit(body, principal, lang, clock.now(), idem, { budget: budgetOf(context) });
    return reply(201, viewOf(request, principal), replayed ? { 'idempotent-replayed': 'true' } : {});
  }),
  implement(r.list, async ({ query, principal }) => list(query, principal, clock.now())),
  implement(r.get, async ({ params, principal }) => read(params.id, principal, clock.now())),
  implement(r.edit, async ({ params, body, principal, lang, context }) => viewOf(await edit(params.id, body, principal, lang, clock.now(), { budget: budgetOf(context) }), principal)),
  // The answers show the request as its reader sees it, confidential names opened (and recorded).
  implement(r.withdraw, async ({ params, body, principal, lang, context }) =>
    viewOf(await openNames(await withdraw(params.id, principal, lang, clock.now(), body?.reason, { budget: budgetOf(context) }), principal, clock.now()), principal),
  ),
  implement(r.decide, async ({ params, body, principal, lang, context }) =>
    viewOf(await openNames(await decideRequest(params.id, body, principal, lang, clock.now(), { budget: budgetOf(context) }), principal, clock.now()), principal),
  ),
]);
