// The day-before reminder (issue 16): every hearing of a published schedule that starts
// within the next 24 hours is reminded once to its requesting organisation and to each
// State concerned, in each one's language, with the joining details as they are then.
// Invoked by a recurring EventBridge Scheduler schedule (rate(15 minutes)); locally by
// a background tick. Once per hearing and start: a marker in the same transaction as
// the messages (store.remindOnce), so overlapping runs or retries never send twice.
import { getRequest } from '../hearings/store';
import { escapeName } from '../registrations/notices';
import { decodeCursor, listRegistrationsPage } from '../registrations/store';
import { shared } from '../shared/config';
import { translate } from '../shared/messages';
import { publicViewingLink } from './webcast';
import { outboxPut } from '../notifications/outbox';
import { latestVersion } from '../scheduling/store';
import { listSessions } from '../sessions/store';
import { clock } from '../shared/clock';
import { logger } from '../shared/logger';
import { isHearing } from './day';
import { reminderNotices } from './notices';
import * as store from './store';

const DAY = 24 * 3600_000;

/** Sends the reminders due at `now`; returns how many hearings were reminded. */
export async function remindDue(now: Date): Promise<number> {
  const at = now.getTime();
  let reminded = 0;
  // Only Periods with a hearing day around the next 24 hours are read further.
  const sessions = (await listSessions()).filter((s) => s.hearingDays.some((d) => Math.abs(Date.parse(`${d}T12:00:00Z`) - at) <= 2 * DAY));
  for (const session of sessions) {
    const version = await latestVersion(session.number);
    for (const a of version?.assignments ?? []) {
      const start = Date.parse(a.start);
      if (start <= at || start > at + DAY) continue;
      const request = await getRequest(a.requestId);
      // Withdrawn since, or moved by a later publication not yet read: not this one.
      if (!isHearing(request.status) || request.slot?.start !== a.start) continue;
      const joining = await store.getJoining(request.id);
      const messages = reminderNotices(
        { id: request.id, title: request.title, states: request.states, sessionNumber: session.number, start: a.start, room: a.room, contact: request.contact, language: request.language },
        session,
        joining,
      ).map((m) => outboxPut(m, now));
      if (await store.remindOnce(request.id, a.start, messages, now)) reminded++;
    }
  }
  if (reminded) logger.info('hearing reminders sent', { hearings: reminded });
  return reminded;
}

/**
 * The eve of a Period's first hearing day (from 24 hours before it until it ends): each
 * confirmed online registrant whose address is proven gets the public viewing link, once
 * (a marker per registrant in the same transaction as the message, so a run cut short by
 * the function's time, or two overlapping runs, send nobody two). Pages of 200.
 */
export async function remindViewers(now: Date): Promise<number> {
  const at = now.getTime();
  let sent = 0;
  const due = (await listSessions()).filter((s) => {
    const first = [...s.hearingDays].sort()[0];
    if (!first) return false;
    const day = Date.parse(`${first}T00:00:00Z`);
    return at >= day - DAY && at < day + DAY;
  });
  for (const session of due) {
    const webcast = await publicViewingLink(session.number);
    const schedule = `${shared.SITE_ORIGIN}/#/schedule?session=${session.number}`;
    let cursor: string | undefined;
    do {
      const page = await listRegistrationsPage(session.number, { limit: 200, start: cursor ? decodeCursor(session.number, cursor) : undefined });
      for (const r of page.items) {
        if (r.attendance !== 'online' || r.status !== 'confirmed' || !r.verifiedAt) continue;
        // The name is what a stranger typed into the public form: escaped, as in every registration mail.
        const params = { name: escapeName(r.name), session: session.number, webcast, schedule };
        const mail = { to: r.email, language: r.language, kind: 'registration.viewing', ref: r.id, subject: translate(r.language, 'day.mail.viewing.subject', params), text: translate(r.language, 'day.mail.viewing.text', params) };
        if (await store.remindViewerOnce(session.number, r.id, [outboxPut(mail, now)], now)) sent++;
      }
      cursor = page.next;
    } while (cursor);
  }
  // A count only: who was reminded stays out of the logs.
  if (sent) logger.info('public viewing link reminders sent', { registrants: sent });
  return sent;
}

export const handler = async (): Promise<{ reminded: number; viewers: number }> => {
  const now = clock.now();
  return { reminded: await remindDue(now), viewers: await remindViewers(now) };
};
