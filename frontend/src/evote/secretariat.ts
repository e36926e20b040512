// The secretariat's page: create a consultation, open and close it, record recusals,
// and watch participation live (who has voted and how many; never a choice).
import { ApiError, api, hasRole, serverNow } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { toast } from '../ui';
import { type Ballot, COMMISSIONER_IDS, allBallots, countryName, memberName, reasonText, resultBlock } from './model';
import './texts';

const STATES = ['AG', 'AR', 'BS', 'BB', 'BZ', 'BO', 'BR', 'CA', 'CL', 'CO', 'CR', 'CU', 'DM', 'DO', 'EC', 'SV', 'GD', 'GT', 'GY', 'HT', 'HN', 'JM', 'MX', 'NI', 'PA', 'PY', 'PE', 'KN', 'LC', 'VC', 'SR', 'TT', 'US', 'UY', 'VE'];

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  control.setAttribute('name', id.replace(/^new-/, ''));
  control.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, h('p', { class: 'field-error', id: `${id}-error` }));
}

function showErrors(form: HTMLElement, error: ApiError, alert: HTMLElement) {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  for (const e of error.problem.errors ?? []) {
    const target = form.querySelector(`#new-${e.path}-error`) ?? form.querySelector(`[data-path="${e.path}"] .field-error`);
    if (target) target.textContent = e.message;
  }
  alert.textContent = error.problem.detail;
}

function createForm(onCreated: (id: string) => void): HTMLElement {
  const alert = h('p', { role: 'alert' });
  const select = (options: [string, string][]) => {
    const s = h('select', {});
    for (const [value, label] of options) s.append(h('option', { value }, label));
    return s;
  };
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'create-heading', novalidate: true },
    h('h2', { id: 'create-heading' }, t('evote.create')),
    field('new-title', t('evote.field.title'), h('input', { type: 'text', maxlength: 200, required: true })),
    field('new-question', t('evote.field.question'), h('textarea', { rows: 3, maxlength: 4000, required: true })),
    field('new-kind', t('evote.field.kind'), select([['named', t('evote.kind.named')], ['secret', t('evote.kind.secret')]])),
    field('new-majority', t('evote.field.majority'), select([['majority_present', t('evote.majority.majority_present')], ['absolute_members', t('evote.majority.absolute_members')]])),
    field('new-stateConcerned', t('evote.field.state'), select([['', t('evote.field.noState')], ...STATES.map((c) => [c, countryName(c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]))])),
    field('new-closesAt', t('evote.field.closesAt'), h('input', { type: 'datetime-local', required: true })),
    h('button', { type: 'submit' }, t('evote.createButton')),
    alert,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id: string) => (form.querySelector(`#new-${id}`) as HTMLInputElement).value.trim();
    const local = value('closesAt');
    const closesAt = local && !Number.isNaN(Date.parse(local)) ? new Date(local).toISOString() : local;
    try {
      const created = await api<Ballot>('/api/ballots', {
        method: 'POST',
        json: { title: value('title'), question: value('question'), kind: value('kind'), majority: value('majority'), stateConcerned: value('stateConcerned') || undefined, closesAt },
      });
      alert.textContent = '';
      toast(t('evote.created'));
      onCreated(created.id);
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error, alert);
      else throw error;
    }
  });
  return form;
}

function adminCard(ballot: Ballot, refresh: () => void): HTMLElement {
  const headingId = `ballot-${ballot.id}`;
  const alert = h('p', { role: 'alert' });
  const act = (path: string) => async () => {
    try {
      await api(`/api/ballots/${ballot.id}/${path}`, { method: 'POST' });
      refresh();
    } catch (error) {
      if (error instanceof ApiError) alert.textContent = error.problem.detail;
      else throw error;
    }
  };
  const section = h(
    'section',
    { class: 'card ballot', 'aria-labelledby': headingId, 'data-ballot': ballot.id, 'data-status': ballot.status },
    h('h3', { id: headingId, tabindex: '-1' }, ballot.title, ' ', h('span', { class: `status status-${ballot.status}` }, t(`evote.status.${ballot.status}`))),
    h('p', {}, ballot.question),
    h('p', { class: 'muted' }, `${t(`evote.kind.${ballot.kind}`)} · ${t(`evote.majority.${ballot.majority}`)}`, ballot.stateConcerned ? ` · ${t('evote.stateConcerned')}: ${countryName(ballot.stateConcerned)}` : ''),
    h('p', { class: 'deadline' }, t('evote.deadline', { date: formatInstant(ballot.closesAt) })),
  );
  if (ballot.recusals.length) {
    section.append(h('h4', {}, t('evote.recusals')), h('ul', {}, ballot.recusals.map((r) => h('li', {}, `${memberName(r.commissionerId)}: ${reasonText(r)}`))));
  }
  if (ballot.status !== 'draft') {
    section.append(h('p', { class: 'participation', 'aria-live': 'polite' }, t('evote.participation', { votesCast: ballot.votesCast, eligible: ballot.eligible })));
  }
  if (ballot.status === 'open' && ballot.kind === 'secret') section.append(h('p', { class: 'muted secret-count' }, t('evote.secretCount')));
  if (ballot.status === 'open' && ballot.participation) {
    section.append(h('p', { class: 'who' }, `${t('evote.whoVoted')}: `, ballot.participation.length ? ballot.participation.map(memberName).join(', ') : t('evote.nobodyYet')));
  }
  if (ballot.status === 'draft') section.append(h('button', { type: 'button', class: 'open', onclick: act('open') }, t('evote.openButton')));
  // Before its deadline a ballot closes only once every eligible member has voted. The
  // deadline is judged by the server's clock (simulated locally), not this device's.
  const due = Date.parse(ballot.closesAt) <= serverNow().getTime();
  if (ballot.status === 'open' && (ballot.canCloseEarly || due)) section.append(h('button', { type: 'button', class: 'close', onclick: act('close') }, t('evote.closeButton')));
  else if (ballot.status === 'open') section.append(h('p', { class: 'muted close-hint' }, t('evote.closeWhenAll')));
  if (ballot.status === 'void') section.append(h('p', { class: 'voided' }, t('evote.voided', { reason: ballot.voidReason ?? '' })));
  // Secret ballots take recusals while a draft only (afterwards they would reveal who voted).
  if (ballot.status === 'draft' || (ballot.status === 'open' && ballot.kind === 'named')) section.append(recusalForm(ballot, refresh));
  if (ballot.status === 'draft' || ballot.status === 'open') section.append(voidForm(ballot, refresh));
  if (ballot.status === 'closed' && ballot.result) section.append(resultBlock(ballot));
  section.append(alert);
  return section;
}

function voidForm(ballot: Ballot, refresh: () => void): HTMLElement {
  const alert = h('p', { role: 'alert' });
  const reason = h('input', { type: 'text', id: `void-${ballot.id}`, maxlength: 1000, required: true, 'aria-describedby': `void-${ballot.id}-error` });
  const form = h(
    'form',
    { class: 'void', novalidate: true },
    h('div', { class: 'field', 'data-path': 'reason' }, h('label', { for: reason.id }, t('evote.field.voidReason')), reason, h('p', { class: 'field-error', id: `void-${ballot.id}-error` })),
    h('button', { type: 'submit', class: 'secondary' }, t('evote.voidButton')),
    alert,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/ballots/${ballot.id}/void`, { method: 'POST', json: { reason: reason.value.trim() } });
      refresh();
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error, alert);
      else throw error;
    }
  });
  return form;
}

function recusalForm(ballot: Ballot, refresh: () => void): HTMLElement {
  const alert = h('p', { role: 'alert' });
  const who = h('select', { id: `recuse-${ballot.id}`, 'aria-describedby': `recuse-${ballot.id}-error` });
  for (const cid of COMMISSIONER_IDS.filter((c) => !ballot.recusals.some((r) => r.commissionerId === c))) who.append(h('option', { value: cid }, memberName(cid)));
  const reason = h('input', { type: 'text', id: `reason-${ballot.id}`, maxlength: 1000, 'aria-describedby': `reason-${ballot.id}-error` });
  const form = h(
    'form',
    { class: 'recusal', novalidate: true },
    h('h4', {}, t('evote.recuse')),
    h('div', { class: 'field', 'data-path': 'commissionerId' }, h('label', { for: who.id }, t('evote.field.commissioner')), who, h('p', { class: 'field-error', id: `recuse-${ballot.id}-error` })),
    h('div', { class: 'field', 'data-path': 'reason' }, h('label', { for: reason.id }, t('evote.field.reason')), reason, h('p', { class: 'field-error', id: `reason-${ballot.id}-error` })),
    h('button', { type: 'submit', class: 'secondary' }, t('evote.recuse')),
    alert,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/ballots/${ballot.id}/recusals`, { method: 'POST', json: { commissionerId: who.value, reason: reason.value.trim() } });
      refresh();
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error, alert);
      else throw error;
    }
  });
  return form;
}

export const evoteAdminPage: Page = {
  path: 'evote-admin',
  titleKey: 'evote.admin.title',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('evote.admin.title')), h('p', {}, t('evote.admin.intro')));
    // `#/evote-admin?ballot=<id>` shows that one consultation (a link to share or keep open).
    const focus = params.get('ballot');
    if (!hasRole('secretariat')) {
      main.append(h('p', { role: 'status' }, h('a', { href: '#/signin' }, t('evote.signInFirst'))));
      return;
    }
    const list = h('div', { class: 'ballots' });
    const load = async () => {
      const items = focus ? [await api<Ballot>(`/api/ballots/${encodeURIComponent(focus)}`)] : await allBallots(api);
      // Open ballots in full (with who has voted); the list view has counts and results.
      const full = await Promise.all(items.map((b) => (b.status !== 'open' || focus ? b : api<Ballot>(`/api/ballots/${b.id}`))));
      // Every ballot, by status: what is running first, then drafts to open, then the past.
      const groups = (['open', 'draft', 'closed', 'void'] as const).map((status) => ({ status, items: full.filter((b) => b.status === status) }));
      list.replaceChildren(
        h('p', { class: 'muted' }, t('evote.live')),
        h('ul', { class: 'actions', 'aria-label': t('evote.byStatus') }, groups.map((g) => h('li', { class: 'tag' }, t('evote.groupCount', { status: t(`evote.status.${g.status}`), n: g.items.length })))),
        ...groups.filter((g) => g.items.length > 0).map((g) =>
          h('section', { class: 'group', 'data-group': g.status, 'aria-labelledby': `group-${g.status}` },
            h('h3', { id: `group-${g.status}` }, t(`evote.group.${g.status}`)),
            g.items.map((b) => adminCard(b, () => void load())))),
      );
    };
    const created = async (id: string) => {
      await load();
      const heading = list.querySelector<HTMLElement>(`[data-ballot="${CSS.escape(id)}"] h3`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus();
    };
    main.append(createForm((id) => void created(id)), h('h2', {}, t('evote.title')), list);
    await load();
    // Live participation: refresh while this page is on screen and something is open.
    const timer = setInterval(() => {
      if (!main.isConnected) return clearInterval(timer);
      if (list.querySelector('[data-status="open"]') && !list.contains(document.activeElement)) void load().catch(() => undefined);
    }, 3_000);
  },
};
