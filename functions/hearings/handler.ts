// Lambda adapter for hearing requests: thin routes over the workflow.
import { clock } from '../shared/clock';
import { httpApi } from '../shared/http';
import { budgetOf } from '../shared/retry';
import { implement, reply } from '../shared/route';
import { hearingRoutes as r } from './routes';
import { decideRequest, edit, idempotencyOf, list, read, submit, withdraw } from './workflow';
import { viewOf } from './view';
import { draftView } from './draft';
import { discardDraft, myDrafts, readDraft, saveDraft, saveNewDraft, submitDraft } from './draft-workflow';

export const handler = httpApi([
  implement(r.submit, async ({ body, principal, lang, headers, context }) => {
    const idem = idempotencyOf(headers['idempotency-key'], principal.sub, body);
    const { request, replayed } = await submit(body, principal, lang, clock.now(), idem, { budget: budgetOf(context) });
    return reply(201, viewOf(request, principal), replayed ? { 'idempotent-replayed': 'true' } : {});
  }),
  implement(r.list, async ({ query, principal }) => list(query, principal)),
  implement(r.get, async ({ params, principal }) => read(params.id, principal)),
  implement(r.edit, async ({ params, body, principal, lang, context }) => viewOf(await edit(params.id, body, principal, lang, clock.now(), { budget: budgetOf(context) }), principal)),
  implement(r.withdraw, async ({ params, body, principal, lang, context }) =>
    viewOf(await withdraw(params.id, principal, lang, clock.now(), body?.reason, { budget: budgetOf(context) }), principal),
  ),
  implement(r.decide, async ({ params, body, principal, lang, context }) =>
    viewOf(await decideRequest(params.id, body, principal, lang, clock.now(), { budget: budgetOf(context) }), principal),
  ),
  implement(r.createDraft, async ({ body, principal }) => reply(201, draftView(await saveNewDraft(body, principal, clock.now())))),
  implement(r.listDrafts, async ({ principal }) => ({ items: (await myDrafts(principal)).map(draftView) })),
  implement(r.getDraft, async ({ params, principal }) => draftView(await readDraft(params.id, principal))),
  implement(r.saveDraft, async ({ params, body, principal }) => draftView(await saveDraft(params.id, body, principal, clock.now()))),
  implement(r.deleteDraft, async ({ params, principal }) => {
    await discardDraft(params.id, principal);
    return { id: params.id, discarded: true as const };
  }),
  implement(r.submitDraft, async ({ params, principal, lang, context }) => {
    const { request, replayed } = await submitDraft(params.id, principal, lang, clock.now(), { budget: budgetOf(context) });
    return reply(201, viewOf(request, principal), replayed ? { 'idempotent-replayed': 'true' } : {});
  }),
]);
