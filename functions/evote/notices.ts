// The commissioners' notices, each in the seat's language: a ballot has opened; a ballot
// closes in a day and you have not voted. Pure. A notice names only its own reader and
// the ballot: never anyone else's vote, participation or the count so far.
import type { OutgoingMessage } from '../notifications/message';
import { translate } from '../shared/messages';
import type { Ballot } from './ballot';
import { seatOf } from './directory';
import './messages';

export type Notice = Omit<OutgoingMessage, 'id'>;

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function notice(ballot: Ballot, commissionerId: string, kind: 'opened' | 'reminder'): Notice | undefined {
  const seat = seatOf(commissionerId);
  if (!seat) return undefined;
  const l = seat.language;
  const params = { title: ballot.title, question: ballot.question, closesAt: when(ballot.closesAt), kind: translate(l, `evote.kind.${ballot.kind}`) };
  return {
    to: seat.email,
    language: l,
    subject: translate(l, `evote.mail.${kind}.subject`, params),
    text: translate(l, `evote.mail.${kind}.text`, params),
    kind: `evote.${kind}`,
    ref: ballot.id,
  };
}

/** One notice per eligible member when the ballot opens. */
export const openedNotices = (ballot: Ballot, eligible: readonly string[]): Notice[] =>
  eligible.map((cid) => notice(ballot, cid, 'opened')).filter((n): n is Notice => !!n);

/** One notice per eligible member who has not voted, a day before closing. */
export const reminderNotices = (ballot: Ballot, notVoted: readonly string[]): Notice[] =>
  notVoted.map((cid) => notice(ballot, cid, 'reminder')).filter((n): n is Notice => !!n);

/** How long before closesAt the reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 3600 * 1000;
