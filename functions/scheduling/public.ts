// What anyone may read: the published schedule and its iCal feed, from the public
// snapshot each version keeps (private hearings anonymised, confidential names gone).
// Apart from workflow.ts so the public function carries no solver.
import { withTitles } from '../hearing-day/day';
import { titlesForSession } from '../hearing-day/store';
import { getSession } from '../sessions/store';
import { shared } from '../shared/config';
import { NotFound } from '../shared/errors';
import type { Lang } from '../shared/messages';
import { renderIcs, renderPublic } from './publication';
import * as store from './store';

export async function publicSchedule(n: number, lang: Lang) {
  const session = await getSession(n);
  const latest = await store.latestVersion(n);
  if (!latest) throw new NotFound('schedule.notPublished', { number: n });
  return {
    sessionNumber: n,
    version: latest.version,
    publishedAt: latest.publishedAt,
    timeZone: session.timeZone,
    // Titles in the reader's language where the secretariat gave a translation (issue 16).
    hearings: withTitles(renderPublic(latest.hearings, lang), await titlesForSession(n), lang),
    changelog: await store.changelog(n),
  };
}

export async function publicCalendar(n: number, lang: Lang) {
  const session = await getSession(n);
  const latest = await store.latestVersion(n);
  if (!latest) throw new NotFound('schedule.notPublished', { number: n });
  return renderIcs(session, latest.version, latest.hearings, lang, shared.SITE_ORIGIN, await titlesForSession(n));
}
