// One request under review (issue 15), for the secretariat: a held decision and its undo,
// a question to the applicant, the assignment to a rapporteurship or a member, the
// reviewer's score with the average, and the internal notes (shared with the
// commissioners or not). Each part saves on its own and says so.
import { ApiError, api, hasRole } from '../api';
import { clear, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { sessionName } from '../sessions/page';
import { type HearingRequest, clearErrors, field, showErrors, stateName, statusBadge } from './model';
import './review-texts';
import './texts';

interface NoteView {
  id: string;
  text: string;
  shared: boolean;
  at: string;
  byEmail: string;
}

/** A form that sends `body()` and redraws with the answer; field errors land next to their fields. */
function saving<T>(form: HTMLFormElement, send: () => Promise<T>, done: (result: T) => void) {
  const alert = h('p', { role: 'alert' });
  form.append(alert);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    alert.textContent = '';
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      done(await send());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const orphans = showErrors(form, error.problem);
      if (!error.problem.errors?.length || orphans.length) alert.textContent = [error.problem.detail, ...orphans].join(' ');
    } finally {
      if (button) button.disabled = false;
    }
  });
}

function tools(r: HearingRequest, redraw: (updated: HearingRequest, note: string) => void): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const base = `/api/hearing-requests/${r.id}`;
  if (r.heldDecision) {
    const undo = h('button', { type: 'button', class: 'secondary' }, t('review.undo')) as HTMLButtonElement;
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      redraw(await api<HearingRequest>(`${base}/decision`, { method: 'DELETE' }), t('review.undone'));
    });
    parts.push(h('section', { class: 'held' }, h('p', {}, t('review.held', { decision: t(`hearings.decision.${r.heldDecision.decision}`), session: r.heldDecision.from })), h('p', {}, `${t('hearings.reason')}: ${r.heldDecision.reason}`), undo));
  }
  if (r.status === 'submitted' && !r.heldDecision) {
    const question = h('textarea', { rows: 3 }) as HTMLTextAreaElement;
    const form = h('form', { novalidate: true }, field('question', t('review.ask.label'), question), h('button', { type: 'submit' }, t('review.ask.send'))) as HTMLFormElement;
    saving(form, () => api<HearingRequest>(`${base}/questions`, { method: 'POST', json: { question: question.value } }), (u) => redraw(u, t('review.done')));
    parts.push(form);
  }
  const kind = h('select', {}, ...(['rapporteurship', 'member'] as const).map((k) => h('option', { value: k, selected: r.assignment?.kind === k }, t(`review.assign.kind.${k}`)))) as HTMLSelectElement;
  const to = h('input', { type: 'text', value: r.assignment?.to ?? '', autocomplete: 'off' }) as HTMLInputElement;
  const assign = h(
    'form',
    { novalidate: true, class: 'inline' },
    h('fieldset', {}, h('legend', {}, t('review.assign.label')), field('assign-kind', t('templates.kind'), kind), field('to', t('review.assign.label'), to)),
    h('button', { type: 'submit' }, t('review.assign.save')),
  ) as HTMLFormElement;
  saving(assign, () => api<HearingRequest>(`${base}/assignment`, { method: 'PUT', json: { kind: kind.value, to: to.value } }), (u) => redraw(u, t('review.done')));
  parts.push(assign);
  const score = h('select', {}, ...[1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: r.score?.mine === n }, String(n)))) as HTMLSelectElement;
  const scoring = h(
    'form',
    { novalidate: true, class: 'inline' },
    field('score', t('review.score.label'), score),
    h('button', { type: 'submit' }, t('review.score.save')),
    r.score ? h('p', { class: 'muted' }, t('review.score.average', { average: r.score.average, count: r.score.count })) : null,
  ) as HTMLFormElement;
  saving(scoring, () => api<HearingRequest>(`${base}/score`, { method: 'PUT', json: { score: Number(score.value) } }), (u) => redraw(u, t('review.done')));
  parts.push(scoring);
  parts.push(notesPanel(r.id));
  return parts;
}

function notesPanel(id: string): HTMLElement {
  const list = h('ul', { class: 'notes' });
  const section = h('section', { 'aria-labelledby': 'notes-title' }, h('h2', { id: 'notes-title' }, t('review.notes.title')), list);
  const draw = (items: NoteView[]) => {
    clear(list);
    if (!items.length) list.append(h('li', { class: 'muted' }, t('review.notes.none')));
    for (const n of items) list.append(h('li', {}, h('span', { class: 'muted' }, `${formatInstant(n.at)} — ${n.byEmail}`), n.shared ? h('span', { class: 'tag' }, ` ${t('review.notes.sharedTag')}`) : null, h('br', {}), n.text));
  };
  const text = h('textarea', { rows: 3 }) as HTMLTextAreaElement;
  const shared = h('input', { type: 'checkbox', id: 'note-shared' }) as HTMLInputElement;
  const form = h('form', { novalidate: true }, field('text', t('review.notes.text'), text), h('p', { class: 'check' }, shared, ' ', h('label', { for: 'note-shared' }, t('review.notes.shared'))), h('button', { type: 'submit' }, t('review.notes.add'))) as HTMLFormElement;
  const load = async () => draw((await api<{ items: NoteView[] }>(`/api/hearing-requests/${id}/notes`)).items);
  saving(form, () => api<NoteView>(`/api/hearing-requests/${id}/notes`, { method: 'POST', json: { text: text.value, shared: shared.checked } }), () => {
    text.value = '';
    shared.checked = false;
    void load();
  });
  section.append(form);
  void load();
  return section;
}

export const inspectPage: Page = {
  path: 'hearings/review/request',
  titleKey: 'review.tools.title',
  async render(main, params) {
    main.append(h('h1', {}, t('review.tools.title')));
    if (!hasRole('secretariat')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.secretariat') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    const id = params.get('id') ?? '';
    const body = h('div', {});
    const status = h('p', { role: 'status' });
    const draw = (r: HearingRequest, note = '') => {
      clear(body);
      status.textContent = note;
      body.append(
        h('h2', {}, r.title),
        h(
          'dl',
          {},
          h('dt', {}, t('hearings.status')),
          h('dd', {}, statusBadge(r.status)),
          h('dt', {}, t('hearings.field.session').replace(' *', '')),
          h('dd', {}, sessionName(r.sessionNumber)),
          h('dt', {}, t('hearings.col.states')),
          h('dd', {}, r.states.map(stateName).join(', ')),
          r.assignment ? h('dt', {}, t('review.assign.label')) : null,
          r.assignment ? h('dd', {}, r.assignment.to) : null,
        ),
        ...(r.questions ?? []).map((q) => h('p', {}, h('strong', {}, `${t('review.question.title')}: `), q.question, q.answer !== undefined ? h('span', {}, h('br', {}), h('strong', {}, `${t('review.answered')}: `), q.answer) : null)),
        ...tools(r, draw),
      );
    };
    main.append(h('p', {}, h('a', { href: '#/hearings/review' }, t('review.back'))), status, body);
    draw(await api<HearingRequest>(`/api/hearing-requests/${encodeURIComponent(id)}`));
  },
};
