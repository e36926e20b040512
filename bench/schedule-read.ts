// The public schedule: the seeded 178th's requests accepted and a timetable proposed and
// published through the handlers, then GET /api/sessions/178/schedule timed beside the
// DynamoDB calls it makes. Leaves the 178th published for the HTTP load figures.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { devUsers } from '../local/users';
import { apiEvent, claimsFor, lambdaContext } from './event';
import { interleaved } from './measure';
import type { Benchmark } from './types';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

export default (async () => {
  const { clock } = await import('../functions/shared/clock');
  const hearings = (await import('../functions/hearings/handler')).handler as unknown as Handler;
  const scheduling = (await import('../functions/scheduling/handler')).handler as unknown as Handler;
  const publicSchedule = (await import('../functions/scheduling/public-handler')).handler as unknown as Handler;
  const { ddb } = await import('../functions/shared/ddb');
  const secretariat = claimsFor(devUsers.find((u) => u.groups.includes('secretariat'))!);
  const call = async (handler: Handler, input: Parameters<typeof apiEvent>[0]) => {
    const res = await handler(apiEvent({ ...input, claims: input.claims ?? secretariat }), lambdaContext);
    return { status: res.statusCode ?? 0, body: res.body ? JSON.parse(res.body) : undefined };
  };

  // The 178th's request window has closed and decisions are due (early October 2020).
  clock.set(new Date('2020-10-05T14:00:00Z'));
  const queue = await call(hearings, { method: 'GET', route: '/api/hearing-requests', query: { sessionNumber: '178', status: 'submitted', limit: '50' } });
  for (const r of queue.body?.items ?? []) {
    await call(hearings, { method: 'POST', route: '/api/hearing-requests/{id}/decision', path: `/api/hearing-requests/${r.id}/decision`, pathParameters: { id: r.id }, body: { decision: 'accepted', reason: 'Cumple los requisitos.', releaseNow: true } });
  }
  const session = { number: '178' };
  const proposal = await call(scheduling, { method: 'POST', route: '/api/sessions/{number}/schedule/proposals', path: '/api/sessions/178/schedule/proposals', pathParameters: session });
  const published = await call(scheduling, { method: 'POST', route: '/api/sessions/{number}/schedule/publish', path: '/api/sessions/178/schedule/publish', pathParameters: session });
  if (published.status !== 200 && published.status !== 201) throw new Error(`could not publish the 178th: ${published.status} ${JSON.stringify(published.body)}`);

  const n = 500;
  const get = () => call(publicSchedule, { method: 'GET', route: '/api/sessions/{number}/schedule', path: '/api/sessions/178/schedule', pathParameters: session, claims: undefined as never });
  const timing = await interleaved(n, get, () => ddb.send(new GetCommand({ TableName: process.env.SESSIONS_TABLE, Key: { pk: 'SESSION', sk: '000178' } })));
  const shown = await get();
  if (shown.status !== 200) throw new Error(`the public schedule answered ${shown.status}`);
  const hearingsShown = shown.body?.hearings?.length ?? 0;
  return {
    routes: [
      {
        route: `GET /api/sessions/{number}/schedule (${hearingsShown} hearings, ${proposal.body?.assignments?.length ?? 0} proposed)`,
        p50Ms: timing.subject.p50,
        p99Ms: timing.subject.p99,
        baselineP50Ms: timing.baseline.p50,
        overheadP50Ms: timing.subject.overheadP50,
        baselineP99Ms: timing.baseline.p99,
        n,
      },
    ],
  };
}) satisfies Benchmark;
