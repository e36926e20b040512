// The applicant's notifications, rendered in the language the request carries, from the
// secretariat's template for the kind when there is one (templates.ts), else the built-in
// text. Pure: the workflow puts the result in the outbox within the same transaction as
// the change.
import type { OutgoingMessage } from '../notifications/message';
import { translate } from '../shared/messages';
import './messages';
import type { Decision, HearingRequest } from './request';
import { render, type TemplateSet } from './templates';

type Notice = Omit<OutgoingMessage, 'id'>;

export function submittedNotice(r: HearingRequest, templates?: TemplateSet): Notice {
  const params = { id: r.id, title: r.title, session: r.sessionNumber };
  return { to: r.contact.email, language: r.language, ...render('hearing.submitted', r.language, params, templates), kind: 'hearing.submitted', ref: r.id };
}

/** `r` is the request after the decision; `from` the session it was decided in. */
export function decisionNotice(r: HearingRequest, decision: Decision, reason: string, from: number, templates?: TemplateSet): Notice {
  const status = translate(r.language, `hearing.status.${decision}`);
  const params = { id: r.id, title: r.title, session: r.sessionNumber, from, status, reason };
  return { to: r.contact.email, language: r.language, ...render(`hearing.${decision}`, r.language, params, templates), kind: `hearing.${decision}`, ref: r.id };
}

/** The secretariat's question, to the applicant. */
export function questionNotice(r: HearingRequest, question: string, templates?: TemplateSet): Notice {
  const params = { id: r.id, title: r.title, session: r.sessionNumber, question };
  return { to: r.contact.email, language: r.language, ...render('hearing.info_requested', r.language, params, templates), kind: 'hearing.info_requested', ref: r.id };
}

/** The applicant's answer, to the member of the secretariat who asked (in the request's language: the answer is in it). */
export function answerNotice(r: HearingRequest, to: string, lang: OutgoingMessage['language']): Notice {
  const params = { id: r.id, title: r.title, session: r.sessionNumber };
  return {
    to,
    language: lang,
    subject: translate(lang, 'hearing.mail.answer.subject', params),
    text: translate(lang, 'hearing.mail.answer.text', params),
    kind: 'hearing.answered',
    ref: r.id,
  };
}
