// The parties' notices about the hearing day, rendered in each recipient's language:
// the joining details as a block of text, the State's notice when a hearing concerning it
// is scheduled or moved, and the day-before reminder. Pure; the caller puts them in the
// outbox inside its own transaction (scheduling's publication, the reminder sweep).
import * as z from 'zod/mini';
import type { OutgoingMessage } from '../notifications/message';
import { optional, readConfig, shared } from '../shared/config';
import { type Lang, translate } from '../shared/messages';
import { stateName } from '../shared/states';
import { DELEGATION_LIMIT, type Joining, stateLanguage } from './day';
import './messages';
import { lazySchema } from '../shared/lazy';

type Notice = Omit<OutgoingMessage, 'id'>;

const Contacts = lazySchema(() => z.record(z.string().check(z.regex(/^[A-Z]{2}$/)), z.object({ email: z.email(), language: z.optional(z.enum(['es', 'en', 'pt', 'fr'])) })));
const config = readConfig({
  /** Each State's mailbox for hearing notices: { "CO": { "email", "language" } }; the development mailboxes otherwise. */
  STATE_CONTACTS: optional(2),
});
const configured = config.STATE_CONTACTS ? Contacts.parse(JSON.parse(config.STATE_CONTACTS)) : {};

/** Where and in which language a State's delegation is told (its official OAS language by default). */
export function stateContact(code: string): { email: string; language: Lang } {
  const c = configured[code];
  return { email: c?.email ?? `state.${code.toLowerCase()}@example.org`, language: c?.language ?? stateLanguage(code) };
}

/** The joining details as the parties read them in a message, or a line saying they will come. */
export function joiningText(joining: Joining | undefined, lang: Lang): string {
  if (!joining) return translate(lang, 'day.joining.none');
  const channels = joining.interpretation.length
    ? joining.interpretation.map((c) => `${translate(lang, `day.language.${c.language}`)}: ${c.channel}`).join('; ')
    : translate(lang, 'day.joining.noChannels');
  return translate(lang, 'day.joining.block', {
    videoLink: joining.videoLink,
    passcode: joining.passcode ?? translate(lang, 'day.joining.noPasscode'),
    channels,
    securityGuidelines: joining.securityGuidelines,
  });
}

const whenIn = (iso: string, timeZone: string, lang: Lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));

export interface Scheduled {
  id: string;
  title: string;
  states: string[];
  sessionNumber: number;
  start: string;
  room: string;
}

/** To each State concerned: the hearing is scheduled (or moved), the delegation deadline, the joining details. */
export function stateNotices(h: Scheduled, session: { timeZone: string }, version: number, deadline: string, joining: Joining | undefined): Notice[] {
  return h.states.map((code) => {
    const { email, language } = stateContact(code);
    const params = {
      title: h.title,
      states: h.states.map((s) => stateName(s, language)).join(', '),
      session: h.sessionNumber,
      when: whenIn(h.start, session.timeZone, language),
      timeZone: session.timeZone,
      room: h.room,
      version,
      max: DELEGATION_LIMIT,
      deadline: whenIn(deadline, session.timeZone, language),
      url: `${shared.SITE_ORIGIN}/#/state`,
      joining: joiningText(joining, language),
    };
    return { to: email, language, kind: 'hearing.scheduled.state', ref: h.id, subject: translate(language, 'day.mail.state.subject', params), text: translate(language, 'day.mail.state.text', params) };
  });
}

/** The day before: to the requesting organisation and to each State, with the joining details. */
export function reminderNotices(h: Scheduled & { contact?: { email: string }; language?: Lang }, session: { timeZone: string }, joining: Joining | undefined): Notice[] {
  const recipients: { email: string; language: Lang }[] = [
    ...(h.contact?.email ? [{ email: h.contact.email, language: h.language ?? 'es' }] : []),
    ...h.states.map(stateContact),
  ];
  return recipients.map(({ email, language }) => {
    const params = {
      title: h.title,
      session: h.sessionNumber,
      when: whenIn(h.start, session.timeZone, language),
      timeZone: session.timeZone,
      room: h.room,
      joining: joiningText(joining, language),
      url: `${shared.SITE_ORIGIN}/#/run-of-show?id=${h.id}`,
    };
    return { to: email, language, kind: 'hearing.reminder', ref: h.id, subject: translate(language, 'day.mail.reminder.subject', params), text: translate(language, 'day.mail.reminder.text', params) };
  });
}
