// Lambda adapter for the hearing day: thin routes over the workflow.
import { clock } from '../shared/clock';
import { PUBLIC_READ } from '../shared/edge';
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { hearingDayRoutes as r } from './routes';
import { archive, archiveFeed, readJoining, readPlan, registerDelegation, setJoining, setPlan, setRecord, setTitles, setWebcast, stateHearings } from './workflow';

export const handler = httpApi([
  implement(r.stateHearings, async ({ principal }) => stateHearings(principal, clock.now())),
  implement(r.delegation, async ({ params, body, principal, lang }) => registerDelegation(params.requestId, body, principal, clock.now(), lang)),
  implement(r.putJoining, async ({ params, body }) => setJoining(params.requestId, body, clock.now())),
  implement(r.getJoining, async ({ params, principal }) => readJoining(params.requestId, principal)),
  implement(r.getPlan, async ({ params, principal }) => readPlan(params.requestId, principal)),
  implement(r.putPlan, async ({ params, body }) => setPlan(params.requestId, body, clock.now())),
  implement(r.putTitles, async ({ params, body, lang }) => setTitles(params.requestId, body, clock.now(), lang)),
  implement(r.putRecord, async ({ params, body }) => setRecord(params.requestId, body, clock.now())),
  // Public and cacheable for a few seconds at the edge, as the published schedule (shared/edge.ts).
  implement(r.archive, async ({ params, lang }) => reply(200, await archive(params.number, lang), { 'cache-control': PUBLIC_READ })),
  implement(r.archiveFeed, async ({ params, lang }) =>
    reply(200, await archiveFeed(params.number, lang), { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': PUBLIC_READ }),
  ),
  implement(r.putWebcast, async ({ params, body }) => setWebcast(params.number, body.url, clock.now())),
]);
