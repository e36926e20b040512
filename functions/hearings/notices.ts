// The applicant's notifications, rendered in the language the request carries. Pure:
// the workflow puts the result in the outbox within the same transaction as the change.
import type { OutgoingMessage } from '../notifications/message';
import { translate } from '../shared/messages';
import './messages';
import type { Decision, HearingRequest } from './request';

type Notice = Omit<OutgoingMessage, 'id'>;

export function submittedNotice(r: HearingRequest): Notice {
  const params = { id: r.id, title: r.title, session: r.sessionNumber };
  return {
    to: r.contact.email,
    language: r.language,
    subject: translate(r.language, 'hearing.mail.submitted.subject', params),
    text: translate(r.language, 'hearing.mail.submitted.text', params),
    kind: 'hearing.submitted',
    ref: r.id,
  };
}

/** `r` is the request after the decision; `from` the session it was decided in. */
export function decisionNotice(r: HearingRequest, decision: Decision, reason: string, from: number): Notice {
  const status = translate(r.language, `hearing.status.${decision}`);
  const params = { id: r.id, title: r.title, session: r.sessionNumber, from, status, reason };
  return {
    to: r.contact.email,
    language: r.language,
    subject: translate(r.language, 'hearing.mail.decision.subject', params),
    text: translate(r.language, decision === 'deferred' ? 'hearing.mail.deferred.text' : 'hearing.mail.decision.text', params),
    kind: `hearing.${decision}`,
    ref: r.id,
  };
}
