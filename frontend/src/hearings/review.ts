// The secretariat's review queue: filters by Period of Sessions, status and State
// (served by the API's indexes, kept in the address), newest first, page by page,
// moved through with the arrow keys; requests decided one by one or several at once,
// through a dialog with no choice made in advance and a review before sending.
import { ApiError, api, hasRole } from '../api';
import { clear, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions, sessionName, type Session } from '../sessions/page';
import { type HearingRequest, type Page as Listing, STATUSES, clearErrors, field, showErrors, sortedStates, stateName, statusBadge } from './model';
import './flow-texts';
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

interface Outcome {
  request: HearingRequest;
  updated?: HearingRequest;
  error?: string;
}

/**
 * The decision on one request or several: no choice made in advance, Defer offered only
 * when a later Period exists (and saying so when not), then a review of what will be
 * sent before anything is; each request gets the existing decision route, and each
 * outcome is reported.
 */
function decisionDialog(targets: HearingRequest[], sessions: Session[], onDone: (outcomes: Outcome[]) => void): HTMLDialogElement {
  const single = targets.length === 1;
  const dialog = h('dialog', { 'aria-labelledby': 'decide-title', class: 'decide' }) as HTMLDialogElement;
  const form = h('form', { novalidate: true }) as HTMLFormElement;
  const latest = Math.max(...targets.map((r) => r.sessionNumber));
  const later = sessions.filter((s) => s.number > latest);
  const deferTo = h('select', {}, ...later.map((s) => h('option', { value: String(s.number) }, sessionName(s.number)))) as HTMLSelectElement;
  const deferField = field('deferTo', t('hearings.deferTo'), deferTo);
  const reason = h('textarea', { rows: 3, required: true }) as HTMLTextAreaElement;
  const alert = h('div', { role: 'alert' });
  const noLater = later.length === 0;
  const choices = h(
    'fieldset',
    { id: 'f-decision', tabindex: '-1', 'aria-describedby': 'err-decision' },
    h('legend', {}, t('hearings.decision')),
    ...DECISIONS.map((d) =>
      h('span', { class: 'check' },
        h('input', { type: 'radio', name: 'decision', id: `decision-${d}`, value: d, disabled: d === 'deferred' && noLater, 'aria-describedby': d === 'deferred' && noLater ? 'defer-unavailable' : undefined }),
        ' ', h('label', { for: `decision-${d}` }, t(`hearings.decision.${d}`))),
    ),
    noLater ? h('p', { id: 'defer-unavailable', class: 'muted hint' }, t('hearings.decision.noLater', { session: sessionName(latest) })) : null,
    h('p', { id: 'err-decision', class: 'field-error', hidden: true }),
  );
  const chosen = () => form.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value as (typeof DECISIONS)[number] | undefined;
  const sync = () => {
    deferField.hidden = chosen() !== 'deferred';
  };
  choices.addEventListener('change', sync);
  const reviewButton = h('button', { type: 'submit' }, t('hearings.decision.review')) as HTMLButtonElement;
  const editing = h('div', {}, choices, deferField, field('reason', t('hearings.reason'), reason), alert, reviewButton, ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('hearings.cancel')));
  const confirmation = h('div', { class: 'decision-review', hidden: true });
  form.append(h('h2', { id: 'decide-title' }, single ? t('hearings.decide', { title: targets[0].title }) : t('hearings.bulk.title', { count: targets.length })), editing, confirmation);
  sync();

  const send = async (decision: (typeof DECISIONS)[number]) => {
    const outcomes: Outcome[] = [];
    // One at a time: the route decides one request; a failure stops nothing else.
    for (const request of targets) {
      try {
        const updated = await api<HearingRequest>(`/api/hearing-requests/${request.id}/decision`, {
          method: 'POST',
          json: { decision, reason: reason.value, deferTo: decision === 'deferred' ? Number(deferTo.value) : undefined },
        });
        outcomes.push({ request, updated });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        outcomes.push({ request, error: [error.problem.detail, ...(error.problem.errors ?? []).map((e) => e.message)].join(' ') });
      }
    }
    return outcomes;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    clear(alert);
    const decision = chosen();
    const errors = [
      ...(decision ? [] : [{ path: 'decision', message: t('hearings.decision.choose') }]),
      ...(reason.value.trim() ? [] : [{ path: 'reason', message: t('hearings.reasonRequired') }]),
    ];
    if (!decision || errors.length) {
      showErrors(form, { type: '', title: '', status: 422, detail: '', errors });
      return;
    }
    // A review before sending: a decision is mailed at once and cannot be taken back.
    const verb = t(`hearings.decision.${decision}`) + (decision === 'deferred' ? ` ${t('hearings.decision.deferText', { session: sessionName(Number(deferTo.value)) })}` : '');
    const confirm = h('button', { type: 'button' }, t('hearings.confirmDecision')) as HTMLButtonElement;
    const change = h('button', { type: 'button', class: 'secondary' }, t('hearings.decision.change')) as HTMLButtonElement;
    const status = h('p', { role: 'status' });
    confirmation.replaceChildren(
      h('p', { id: 'decision-summary' }, t('hearings.decision.confirmText', { decision: verb, count: targets.length, reason: reason.value.trim() })),
      ...(single ? [] : [h('ul', {}, ...targets.map((r) => h('li', {}, r.title)))]),
      confirm, ' ', change, status,
    );
    editing.hidden = true;
    confirmation.hidden = false;
    confirm.focus();
    change.addEventListener('click', () => {
      confirmation.hidden = true;
      editing.hidden = false;
      reviewButton.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      change.disabled = true;
      status.textContent = t('hearings.sending');
      const outcomes = await send(decision);
      if (single && outcomes[0].error) {
        // One request refused: back to the form with the server's words.
        status.textContent = '';
        confirmation.hidden = true;
        editing.hidden = false;
        alert.append(h('p', {}, outcomes[0].error));
        return;
      }
      dialog.close();
      onDone(outcomes);
    });
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
    const results = h('div', { id: 'bulk-results', 'aria-live': 'polite' });
    const body = h('tbody', {});
    const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': t('hearings.selectAll') }) as HTMLInputElement;
    const table = h(
      'table',
      { class: 'review-queue', 'aria-describedby': 'review-keys' },
      h('caption', { class: 'muted' }, t('hearings.review.title')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, selectAll), ...['hearings.col.submitted', 'hearings.col.request', 'hearings.col.states', 'hearings.status', 'hearings.col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
      body,
    );
    const bulkButton = h('button', { type: 'button', id: 'bulk-decide', disabled: true }, t('hearings.bulk.decide', { count: 0 })) as HTMLButtonElement;
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('hearings.more')) as HTMLButtonElement;
    let cursor: string | undefined;
    const shown = new Map<string, HearingRequest>();

    const selected = () => [...body.querySelectorAll<HTMLInputElement>('input.pick:checked')].map((box) => shown.get(box.value)!).filter(Boolean);
    const syncSelection = () => {
      const count = selected().length;
      bulkButton.disabled = count === 0;
      bulkButton.textContent = t('hearings.bulk.decide', { count });
      const boxes = body.querySelectorAll<HTMLInputElement>('input.pick');
      selectAll.checked = boxes.length > 0 && count === boxes.length;
    };
    selectAll.addEventListener('change', () => {
      for (const box of body.querySelectorAll<HTMLInputElement>('input.pick')) box.checked = selectAll.checked;
      syncSelection();
    });

    const report = (outcomes: Outcome[]) => {
      for (const o of outcomes) if (o.updated) replaceRow(o.updated);
      const ok = outcomes.filter((o) => o.updated).length;
      if (outcomes.length === 1 && o1(outcomes).updated) {
        announce.textContent = t('hearings.decided', { status: t(`hearings.status.${o1(outcomes).updated!.status}`) });
        results.replaceChildren();
      } else {
        announce.textContent = t('hearings.bulk.done', { ok, count: outcomes.length });
        results.replaceChildren(
          h('h2', {}, t('hearings.bulk.results')),
          h('ul', { class: 'bulk-results' }, ...outcomes.map((o) => o.updated
            ? h('li', { 'data-id': o.request.id, class: 'ok' }, t('hearings.bulk.ok', { title: o.request.title, status: t(`hearings.status.${o.updated.status}`) }))
            : h('li', { 'data-id': o.request.id, class: 'failed' }, t('hearings.bulk.failed', { title: o.request.title, detail: o.error ?? '' })))),
        );
      }
      syncSelection();
    };
    const o1 = (outcomes: Outcome[]) => outcomes[0];
    const openDialog = (targets: HearingRequest[], opener: HTMLElement) => {
      const dialog = decisionDialog(targets, sessions, report);
      dialog.addEventListener('close', () => (opener.isConnected ? opener : bulkButton).focus());
      document.body.append(dialog);
      dialog.showModal();
    };
    bulkButton.addEventListener('click', () => openDialog(selected(), bulkButton));

    const replaceRow = (r: HearingRequest) => {
      shown.set(r.id, r);
      body.querySelector(`tr[data-id="${r.id}"]`)?.replaceWith(row(r));
    };
    const row = (r: HearingRequest): HTMLTableRowElement => {
      shown.set(r.id, r);
      const tr = h('tr', { 'data-id': r.id }) as HTMLTableRowElement;
      const open = r.status === 'submitted';
      const action = open
        ? h('button', { type: 'button', class: 'decide-one', 'aria-label': t('hearings.decide', { title: r.title }), onclick: (e: Event) => openDialog([r], e.currentTarget as HTMLElement) }, t('hearings.decideShort'))
        : null;
      tr.append(
        h('td', {}, open ? h('input', { type: 'checkbox', class: 'pick', value: r.id, 'aria-label': t('hearings.select', { title: r.title }), onchange: syncSelection }) : null),
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

    // Up and down move between requests, keeping the column (checkbox, details, Decide).
    body.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const target = event.target as HTMLElement;
      if (target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') return;
      const tr = target.closest('tr');
      const cell = target.closest('td');
      if (!tr || !cell) return;
      const rows = [...body.querySelectorAll('tr')];
      const column = [...tr.children].indexOf(cell);
      for (let i = rows.indexOf(tr) + (event.key === 'ArrowDown' ? 1 : -1); i >= 0 && i < rows.length; i += event.key === 'ArrowDown' ? 1 : -1) {
        const focusable = rows[i].children[column]?.querySelector<HTMLElement>('input, button, summary') ?? rows[i].querySelector<HTMLElement>('input, button, summary');
        if (focusable) {
          event.preventDefault();
          focusable.focus();
          return;
        }
      }
    });

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
      if (!body.childElementCount) body.append(h('tr', {}, h('td', { colspan: 6 }, t('hearings.none'))));
      syncSelection();
    };
    // The filters live in the address: a reload, a shared link and Back show the same queue.
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = new URLSearchParams();
      if (session.value) query.set('session', session.value);
      if (status.value) query.set('status', status.value);
      if (state.value) query.set('state', state.value);
      const qs = query.toString();
      const hash = `#/hearings/review${qs ? `?${qs}` : ''}`;
      if (location.hash === hash) void load(true);
      else location.hash = hash;
    });
    more.addEventListener('click', () => void load(false));
    main.append(filters, h('p', { id: 'review-keys', class: 'muted hint' }, t('hearings.review.keys')), h('div', { class: 'bulk' }, bulkButton), announce, results, table, more);
    await load(true);
  },
};
