// Lambda adapter for the public schedule and its iCal feed: read-only, no solver, so it
// stays small and starts fast for the many people who look.
import { PUBLIC_READ } from '../shared/edge';
import { httpApi } from '../shared/http';
import { implement, reply } from '../shared/route';
import { publicCalendar, publicSchedule } from './public';
import { schedulingRoutes as r } from './routes';

export const handler = httpApi([
  // Cacheable at CloudFront for a few seconds (shared/edge.ts): a publication shows
  // within a minute; the language is part of the cache key.
  implement(r.schedule, async ({ params, lang }) => reply(200, await publicSchedule(params.number, lang), { 'cache-control': PUBLIC_READ })),
  implement(r.ics, async ({ params, lang }) =>
    reply(200, await publicCalendar(params.number, lang), {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="iachr-${params.number}.ics"`,
      'cache-control': PUBLIC_READ,
    }),
  ),
]);
