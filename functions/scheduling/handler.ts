// Lambda adapter for the secretariat's scheduling: thin routes over the workflow, the
// clock and the stores. The public schedule is served by public-handler.ts.
import * as hearingsStore from '../hearings/store';
import { clock } from '../shared/clock';
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { schedulingRoutes as r } from './routes';
import { getRapporteurships, putRapporteurships } from './store';
import { type HearingsPort, draftView, move, moveOptions, propose, publish } from './workflow';

const hearings: HearingsPort = hearingsStore;

export const handler = httpApi([
  implement(r.getRapporteurships, async () => getRapporteurships()),
  implement(r.putRapporteurships, async ({ body, principal }) => {
    // The view: who changed them (a subject) stays in the table.
    const { rapporteurs, revision, updatedAt } = await putRapporteurships(body.rapporteurs, body.revision, principal.sub, clock.now());
    return { rapporteurs, revision, updatedAt };
  }),
  implement(r.propose, async ({ params, principal, lang }) => reply(201, await propose(hearings, params.number, principal.sub, clock.now(), lang))),
  implement(r.draft, async ({ params, lang }) => draftView(hearings, params.number, lang)),
  implement(r.move, async ({ params, body, lang }) => move(hearings, params.number, params.requestId, body, clock.now(), lang)),
  implement(r.moveOptions, async ({ params, lang }) => moveOptions(hearings, params.number, params.requestId, lang)),
  implement(r.publish, async ({ params, principal, lang }) => publish(hearings, params.number, principal.sub, clock.now(), lang)),
]);
