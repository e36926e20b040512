// "My requests": the applicant's own requests, newest first, with status, slot,
// history (who, when, why) and a withdraw action with a confirmation step.
import { ApiError, api, hasRole, serverNow } from '../api';
import { clear, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { sessionName } from '../sessions/page';
import type { DraftView } from '../../../functions/hearings/draft';
import { clearLocal } from './form';
import { type HearingRequest, type Page as Listing, stateName, statusBadge } from './model';
import './flow-texts';
import './texts';
import { questionsPanel } from './answer';
import './documents';

/** The applicant's drafts kept on the server (issue 15): resume (here or on another device) or discard. */
function draftCard(d: DraftView): HTMLElement {
  const name = d.request.title?.trim() || t('hearings.drafts.untitled');
  const section = h('section', { class: 'card draft', 'data-draft': d.id, 'aria-labelledby': `draft-${d.id}` });
  const note = h('p', { role: 'status' });
  const discard = h('button', { type: 'button', class: 'secondary', 'aria-label': t('hearings.drafts.discard', { title: name }) }, t('hearings.drafts.discardShort')) as HTMLButtonElement;
  discard.addEventListener('click', () => {
    const confirm = h('button', { type: 'button' }, t('hearings.drafts.discard', { title: name })) as HTMLButtonElement;
    const cancel = h('button', { type: 'button', class: 'secondary' }, t('hearings.cancel')) as HTMLButtonElement;
    const question = h('div', { class: 'actions' }, h('p', {}, t('hearings.drafts.discardConfirm')), confirm, ' ', cancel);
    cancel.addEventListener('click', () => {
      question.remove();
      discard.hidden = false;
      discard.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        await api(`/api/hearing-request-drafts/${d.id}`, { method: 'DELETE' });
        clearLocal('new');
        section.replaceChildren(h('p', { role: 'status' }, t('hearings.drafts.discarded')));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        note.textContent = error.problem.detail;
        confirm.disabled = false;
      }
    });
    discard.hidden = true;
    section.append(question);
    confirm.focus();
  });
  section.append(
    h('h3', { id: `draft-${d.id}` }, name),
    h('p', { class: 'muted' }, t('hearings.drafts.updated', { date: formatInstant(d.updatedAt) }), d.request.sessionNumber ? ` — ${sessionName(d.request.sessionNumber)}` : ''),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/hearings/new?draft=${d.id}` }, t('hearings.drafts.resume', { title: name })), ' ', discard),
    note,
  );
  return section;
}

const withdrawable = (r: HearingRequest) =>
  r.status === 'submitted' || r.status === 'info_requested' || r.status === 'accepted' || (r.status === 'scheduled' && (!r.slot || Date.parse(r.slot.start) > serverNow().getTime()));

function card(r: HearingRequest): HTMLElement {
  const section = h('section', { class: 'card request', 'data-id': r.id, 'aria-labelledby': `req-${r.id}` });
  const draw = (request: HearingRequest, note?: string) => {
    clear(section);
    const actions = h('div', { class: 'actions' });
    if (request.status === 'submitted') {
      actions.append(h('a', { href: `#/hearings/new?edit=${request.id}`, class: 'button secondary', 'aria-label': `${t('hearings.edit')} — ${request.title}` }, t('hearings.edit')), ' ');
    }
    actions.append(h('a', { href: `#/hearings/documents?id=${request.id}`, class: 'button secondary', 'aria-label': `${t('documents.link')} — ${request.title}` }, t('documents.link')), ' ');
    if (withdrawable(request)) {
      const ask = h('button', { type: 'button', class: 'secondary' }, t('hearings.withdraw')) as HTMLButtonElement;
      ask.addEventListener('click', () => {
        const alert = h('p', { role: 'alert' });
        const confirm = h('button', { type: 'button' }, t('hearings.withdraw.confirm')) as HTMLButtonElement;
        const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => draw(request) }, t('hearings.cancel'));
        confirm.addEventListener('click', async () => {
          confirm.disabled = true;
          try {
            draw(await api<HearingRequest>(`/api/hearing-requests/${request.id}/withdraw`, { method: 'POST', json: {} }), t('hearings.status.withdrawn'));
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            alert.textContent = error.problem.detail;
            confirm.disabled = false;
          }
        });
        actions.replaceChildren(h('p', {}, t('hearings.withdraw.question', { title: request.title })), confirm, ' ', cancel, alert);
        confirm.focus();
      });
      actions.append(ask);
    }
    section.append(
      h('h2', { id: `req-${request.id}` }, request.title),
      h(
        'dl',
        {},
        h('dt', {}, t('hearings.status')),
        h('dd', {}, statusBadge(request.status)),
        h('dt', {}, t('hearings.field.session').replace(' *', '')),
        h('dd', {}, sessionName(request.sessionNumber)),
        h('dt', {}, t('hearings.col.states')),
        h('dd', {}, request.states.map(stateName).join(', ')),
        h('dt', {}, t('hearings.submittedAt')),
        h('dd', {}, formatInstant(request.submittedAt)),
        request.slot ? h('dt', {}, t('hearings.slot')) : null,
        request.slot ? h('dd', {}, `${formatInstant(request.slot.start)} — ${request.slot.room}`) : null,
      ),
      h(
        'details',
        {},
        h('summary', {}, t('hearings.history')),
        h(
          'ol',
          { class: 'history' },
          ...request.history.map((e) =>
            h('li', {}, `${formatInstant(e.at)} — `, statusBadge(e.status), ` — ${e.byOwner ? t('hearings.by.you') : t('hearings.by.secretariat')}`, e.reason ? ` — ${e.reason}` : ''),
          ),
        ),
      ),
      ...[questionsPanel(request, draw)].filter((p): p is HTMLElement => p !== null),
      actions,
      ...(note ? [h('p', { role: 'status' }, note)] : []),
    );
  };
  draw(r);
  return section;
}

export const myRequestsPage: Page = {
  path: 'hearings/mine',
  titleKey: 'hearings.mine.title',
  nav: ['applicant'],
  async render(main) {
    main.append(h('h1', {}, t('hearings.mine.title')));
    if (!hasRole('applicant')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.applicant') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    main.append(h('p', {}, h('a', { href: '#/hearings/new' }, t('hearings.new.title'))));
    const list = h('div', { class: 'requests' });
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('hearings.more')) as HTMLButtonElement;
    let cursor: string | undefined;
    const load = async () => {
      const page = await api<Listing<HearingRequest>>(`/api/hearing-requests?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      list.append(...page.items.map(card));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (!list.childElementCount) list.append(h('p', {}, t('hearings.none')));
    };
    more.addEventListener('click', () => void load());
    const drafts = (await api<{ items: DraftView[] }>('/api/hearing-request-drafts')).items;
    if (drafts.length) main.append(h('section', { class: 'drafts', 'aria-labelledby': 'drafts-title' }, h('h2', { id: 'drafts-title' }, t('hearings.drafts.title')), ...drafts.map(draftCard)));
    main.append(list, more);
    await load();
  },
};
