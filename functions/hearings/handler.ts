// Lambda adapter for hearing requests: thin routes over the workflow.
import { clock } from '../shared/clock';
import { httpApi } from '../shared/http';
import { budgetOf } from '../shared/retry';
import { implement, reply } from '../shared/route';
import { hearingRoutes as r } from './routes';
import { decideRequest, edit, idempotencyOf, list, read, submit, withdraw } from './workflow';
import { viewOf } from './view';
import { requestStats, requestsCsv } from './exports';
import * as review from './review';
import { reviewRoutes as rv } from './review-routes';
import { openNames } from './confidential';
import type { HearingRequest } from './request';
import type { Principal } from '../shared/auth';

/** A request as its reader sees it, confidential names opened (and the reading recorded). */
const shown = async (request: HearingRequest, principal: Principal) => viewOf(await openNames(request, principal, clock.now()), principal);
import { draftView } from './draft';
import { discardDraft, myDrafts, readDraft, saveDraft, saveNewDraft, submitDraft } from './draft-workflow';

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
    shown(await withdraw(params.id, principal, lang, clock.now(), body?.reason, { budget: budgetOf(context) }), principal),
  ),
  implement(r.decide, async ({ params, body, principal, lang, context }) =>
    shown(await decideRequest(params.id, body, principal, lang, clock.now(), { budget: budgetOf(context) }), principal),
  ),
  // Review apart from deciding, held decisions, templates, exports (review.ts).
  implement(rv.ask, async ({ params, body, principal, context }) => shown(await review.ask(params.id, body, principal, clock.now(), { budget: budgetOf(context) }), principal)),
  implement(rv.answer, async ({ params, body, principal, lang, context }) =>
    shown(await review.answer(params.id, body.answer, principal, lang, clock.now(), { budget: budgetOf(context) }), principal),
  ),
  implement(rv.assign, async ({ params, body, principal, context }) => shown(await review.assign(params.id, body, principal, clock.now(), { budget: budgetOf(context) }), principal)),
  implement(rv.score, async ({ params, body, principal, context }) => shown(await review.score(params.id, body.score, principal, clock.now(), { budget: budgetOf(context) }), principal)),
  implement(rv.addNote, async ({ params, body, principal }) => reply(201, await review.addNote(params.id, body, principal, clock.now()))),
  implement(rv.notes, async ({ params, principal }) => review.notes(params.id, principal)),
  implement(rv.undoDecision, async ({ params, principal, context }) => shown(await review.undoDecision(params.id, principal, clock.now(), { budget: budgetOf(context) }), principal)),
  implement(rv.releasePreview, async ({ params }) => review.releasePreview(params.number)),
  implement(rv.release, async ({ params, principal, context }) => review.release(params.number, principal, clock.now(), budgetOf(context))),
  implement(rv.templates, async () => review.templates()),
  implement(rv.saveTemplate, async ({ params, body, principal }) => review.saveTemplate(params.kind, params.lang, body, principal, clock.now())),
  implement(rv.resetTemplate, async ({ params }) => review.resetTemplate(params.kind, params.lang)),
  implement(rv.previewTemplate, async ({ params, body }) => review.previewTemplate(params.kind, params.lang, body)),
  implement(rv.exportCsv, async ({ params }) =>
    reply(200, await requestsCsv(params.number), {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="hearing-requests-${params.number}.csv"`,
    }),
  ),
  implement(rv.stats, async ({ params }) => requestStats(params.number)),
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
    // A replay reads the stored request back: its confidential names are opened for the owner.
    return reply(201, replayed ? await shown(request, principal) : viewOf(request, principal), replayed ? { 'idempotent-replayed': 'true' } : {});
  }),
]);
