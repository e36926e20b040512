// The day-before reminder (issue 16): every hearing of a published schedule that starts
// within the next 24 hours is reminded once to its requesting organisation and to each
// State concerned, in each one's language, with the joining details as they are then.
// Invoked by a recurring EventBridge Scheduler schedule (rate(15 minutes)); locally by
// a background tick. Once per hearing and start: a marker in the same transaction as
// the messages (store.remindOnce), so overlapping runs or retries never send twice.
import { getRequest } from '../hearings/store';
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

export const handler = async (): Promise<{ reminded: number }> => ({ reminded: await remindDue(clock.now()) });
