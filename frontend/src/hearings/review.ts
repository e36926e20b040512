// The secretariat's review queue: filters by Period of Sessions, status and State
// (served by the API's indexes), newest first, page by page, and a decision dialog
// that requires a reason (and the later Period when deferring).
import { ApiError, api, hasRole } from '../api';
import { clear, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions, sessionName, type Session } from '../sessions/page';
import { type HearingRequest, type Page as Listing, STATUSES, clearErrors, field, showErrors, sortedStates, stateName, statusBadge } from './model';
import './texts';
import './review-texts';

const DECISIONS = ['accepted', 'rejected', 'deferred'] as const;

function details(r: HearingRequest): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, t('hearings.details')),
    h(
      'dl',
      {},
      h('dt', {}, t('hearings.field.kind').replace(' *', '')),
      h('dd', {}, t(`hearings.kind.${r.kind}`), r.matter ? ` — ${t(`hearings.matter.${r.matter.type}`)} ${r.matter.number}` : ''),
      h('dt', {}, t('hearings.objective')),
      h('dd', {}, r.objective),
      h('dt', {}, t('hearings.basis')),
      h('dd', {}, r.basis),
      h('dt', {}, t('hearings.participants')),
      h('dd', {}, h('ul', {}, ...r.participants.map((p) => h('li', {}, `${p.name}${p.organization ? ` (${p.organization})` : ''} — ${t(`hearings.role.${p.role}`)}`, p.confidential ? ` — ${t('hearings.confidential')}` : '')))),
      h('dt', {}, t('hearings.contact')),
      h('dd', {}, `${r.contact.name} <${r.contact.email}>`),
    ),
  );
}

function decisionDialog(r: HearingRequest, sessions: Session[], onDone: (updated: HearingRequest) => void): HTMLDialogElement {
  const dialog = h('dialog', { 'aria-labelledby': 'decide-title', class: 'decide' }) as HTMLDialogElement;
  const form = h('form', { novalidate: true }) as HTMLFormElement;
  const later = sessions.filter((s) => s.number > r.sessionNumber);
  const deferTo = h('select', {}, ...later.map((s) => h('option', { value: String(s.number) }, sessionName(s.number)))) as HTMLSelectElement;
  const deferField = field('deferTo', t('hearings.deferTo'), deferTo);
  const reason = h('textarea', { rows: 3, required: true }) as HTMLTextAreaElement;
  const alert = h('div', { role: 'alert' });
  const choices = h(
    'fieldset',
    { id: 'f-decision', tabindex: '-1', 'aria-describedby': 'err-decision' },
    h('legend', {}, t('hearings.decision')),
    ...DECISIONS.map((d) =>
      h('span', { class: 'check' }, h('input', { type: 'radio', name: 'decision', id: `decision-${d}`, value: d, checked: d === 'accepted', disabled: d === 'deferred' && later.length === 0 }), ' ', h('label', { for: `decision-${d}` }, t(`hearings.decision.${d}`))),
    ),
    h('p', { id: 'err-decision', class: 'field-error', hidden: true }),
  );
  const chosen = () => (form.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value ?? 'accepted') as (typeof DECISIONS)[number];
  const sync = () => {
    deferField.hidden = chosen() !== 'deferred';
  };
  choices.addEventListener('change', sync);
  const confirm = h('button', { type: 'submit' }, t('hearings.confirmDecision')) as HTMLButtonElement;
  form.append(
    h('h2', { id: 'decide-title' }, t('hearings.decide', { title: r.title })),
    choices,
    deferField,
    field('reason', t('hearings.reason'), reason),
    alert,
    confirm,
    ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('hearings.cancel')),
  );
  sync();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    clear(alert);
    if (!reason.value.trim()) {
      showErrors(form, { type: '', title: '', status: 422, detail: '', errors: [{ path: 'reason', message: t('hearings.reasonRequired') }] });
      return;
    }
    confirm.disabled = true;
    try {
      const decision = chosen();
      const updated = await api<HearingRequest>(`/api/hearing-requests/${r.id}/decision`, {
        method: 'POST',
        json: { decision, reason: reason.value, deferTo: decision === 'deferred' ? Number(deferTo.value) : undefined },
      });
      dialog.close();
      onDone(updated);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const orphans = showErrors(form, error.problem);
      if (!error.problem.errors?.length || orphans.length) alert.append(h('p', {}, error.problem.detail), ...orphans.map((o) => h('p', {}, o)));
    } finally {
      confirm.disabled = false;
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  dialog.append(form);
  return dialog;
}

export const reviewPage: Page = {
  path: 'hearings/review',
  titleKey: 'hearings.review.title',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('hearings.review.title')));
    if (!hasRole('secretariat')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.secretariat') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    const sessions = await listSessions();
    const any = () => h('option', { value: '' }, t('hearings.filter.any'));
    const session = h('select', {}, any(), ...[...sessions].reverse().map((s) => h('option', { value: String(s.number), selected: params.get('session') === String(s.number) }, sessionName(s.number)))) as HTMLSelectElement;
    const status = h('select', {}, any(), ...STATUSES.map((s) => h('option', { value: s, selected: params.get('status') === s }, t(`hearings.status.${s}`)))) as HTMLSelectElement;
    const state = h('select', {}, any(), ...sortedStates().map((c) => h('option', { value: c, selected: params.get('state') === c }, stateName(c)))) as HTMLSelectElement;
    const filters = h(
      'form',
      { class: 'filters', 'aria-label': t('hearings.filters') },
      field('filter-session', t('hearings.field.session').replace(' *', ''), session),
      field('filter-status', t('hearings.status'), status),
      field('filter-state', t('hearings.filter.state'), state),
      h('button', { type: 'submit' }, t('hearings.filter.apply')),
    );
    const announce = h('p', { role: 'status', id: 'review-status' });
    const body = h('tbody', {});
    const table = h(
      'table',
      {},
      h('caption', { class: 'muted' }, t('hearings.review.title')),
      h('thead', {}, h('tr', {}, ...['hearings.col.submitted', 'hearings.col.request', 'hearings.col.states', 'hearings.status', 'hearings.col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
      body,
    );
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('hearings.more')) as HTMLButtonElement;
    let cursor: string | undefined;

    const row = (r: HearingRequest): HTMLTableRowElement => {
      const tr = h('tr', { 'data-id': r.id }) as HTMLTableRowElement;
      const action = r.status === 'submitted'
        ? h('button', {
            type: 'button',
            'aria-label': t('hearings.decide', { title: r.title }),
            onclick: () => {
              const dialog = decisionDialog(r, sessions, (updated) => {
                tr.replaceWith(row(updated));
                announce.textContent = t('hearings.decided', { status: t(`hearings.status.${updated.status}`) });
              });
              document.body.append(dialog);
              dialog.showModal();
            },
          }, t('hearings.decideShort'))
        : null;
      tr.append(
        h('td', {}, formatInstant(r.submittedAt)),
        h('td', {}, h('strong', {}, r.title), ' ', r.private ? h('span', { class: 'muted' }, `(${t('hearings.private')})`) : null, h('br', {}), sessionName(r.sessionNumber), details(r)),
        h('td', {}, r.states.map(stateName).join(', ')),
        h(
          'td',
          {},
          statusBadge(r.status),
          r.heldDecision ? h('span', { class: 'muted' }, ` (${t('review.notReleased')})`) : null,
          r.score ? h('span', { class: 'muted' }, h('br', {}), t('review.score.average', { average: r.score.average, count: r.score.count })) : null,
        ),
        h('td', {}, action, ' ', h('a', { href: `#/hearings/review/request?id=${r.id}`, 'aria-label': `${t('review.tools')} — ${r.title}` }, t('review.tools'))),
      );
      return tr;
    };

    const load = async (reset: boolean) => {
      if (reset) {
        clear(body);
        cursor = undefined;
      }
      const query = new URLSearchParams({ limit: '25' });
      if (session.value) query.set('sessionNumber', session.value);
      if (status.value) query.set('status', status.value);
      if (state.value) query.set('state', state.value);
      if (cursor) query.set('cursor', cursor);
      const page = await api<Listing<HearingRequest>>(`/api/hearing-requests?${query}`);
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (!body.childElementCount) body.append(h('tr', {}, h('td', { colspan: 5 }, t('hearings.none'))));
    };
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      void load(true);
    });
    more.addEventListener('click', () => void load(false));
    main.append(filters, announce, table, more);
    await load(true);
  },
};
