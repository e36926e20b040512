// The applicant's side of a question from the secretariat (issue 15): the questions asked
// and answered, and the answer form while one waits, on the request's card.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import { type HearingRequest, clearErrors, field, showErrors } from './model';
import './review-texts';

export function questionsPanel(request: HearingRequest, onAnswered: (updated: HearingRequest, note: string) => void): HTMLElement | null {
  const questions = request.questions ?? [];
  if (questions.length === 0) return null;
  const waiting = request.status === 'info_requested' && questions.at(-1)?.answer === undefined;
  const panel = h(
    'section',
    { class: waiting ? 'question waiting' : 'question', 'aria-label': t('review.question.title') },
    ...questions.map((q) =>
      h(
        'div',
        {},
        h('p', {}, h('strong', {}, `${t('review.question.title')} (${formatInstant(q.askedAt)}): `), q.question),
        q.answer !== undefined ? h('p', {}, h('strong', {}, `${t('review.answered')} (${formatInstant(q.answeredAt!)}): `), q.answer) : null,
      ),
    ),
  );
  if (!waiting) return panel;
  const answer = h('textarea', { rows: 4, required: true }) as HTMLTextAreaElement;
  const alert = h('div', { role: 'alert' });
  const send = h('button', { type: 'submit' }, t('review.answer.send')) as HTMLButtonElement;
  const form = h('form', { novalidate: true, class: 'answer' }, field(`answer-${request.id}`, t('review.answer.label'), answer), alert, send) as HTMLFormElement;
  // The server's field is `answer`; the control's id carries the request so two cards never share one.
  answer.id = `f-answer-${request.id}`;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    alert.textContent = '';
    send.disabled = true;
    try {
      const updated = await api<HearingRequest>(`/api/hearing-requests/${request.id}/answer`, { method: 'POST', json: { answer: answer.value } });
      onAnswered(updated, t('review.answer.sent'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const problem = { ...error.problem, errors: error.problem.errors?.map((e) => ({ ...e, path: e.path === 'answer' ? `answer-${request.id}` : e.path })) };
      const orphans = showErrors(form, problem);
      if (!problem.errors?.length || orphans.length) alert.textContent = [problem.detail, ...orphans].join(' ');
    } finally {
      send.disabled = false;
    }
  });
  panel.append(form);
  return panel;
}
