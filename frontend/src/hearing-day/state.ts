// The State's delegation page (issue 16): the accepted and scheduled hearings concerning
// its State (never a confidential participant's name), and for each the delegation form.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { stateLabel } from '../schedule/shared';
import type { StateHearingView } from '../../../functions/hearing-day/view';
import '../hearings/texts';
import './texts';

const ROLES = ['head', 'delegate', 'adviser', 'interpreter'] as const;
type Member = { name: string; role: (typeof ROLES)[number] };

function delegationForm(hearing: StateHearingView): HTMLElement {
  const id = hearing.id;
  let members: Member[] = hearing.delegation?.members.map((m) => ({ ...m })) ?? [{ name: '', role: 'head' }];
  const rows = h('div', { class: 'members' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: `status-${id}` });
  const open = hearing.delegationOpen;
  const add = h('button', { type: 'button', class: 'secondary', id: `add-${id}`, disabled: !open }, t('state.add'));
  const draw = (focusLast = false) => {
    rows.replaceChildren(
      ...members.map((m, i) => {
        const n = i + 1;
        const name = h('input', { type: 'text', id: `name-${id}-${i}`, name: `members.${i}.name`, value: m.name, maxlength: 200, required: true, disabled: !open, autocomplete: 'off' });
        name.addEventListener('input', () => (members[i].name = name.value));
        const role = h('select', { id: `role-${id}-${i}`, name: `members.${i}.role`, disabled: !open }, ...ROLES.map((r) => h('option', { value: r, selected: r === m.role }, t(`state.role.${r}`))));
        role.addEventListener('change', () => (members[i].role = role.value as Member['role']));
        const remove = h('button', { type: 'button', class: 'secondary', disabled: !open || members.length === 1, 'aria-label': t('state.remove', { n }) }, '×');
        remove.addEventListener('click', () => {
          members = members.filter((_, j) => j !== i);
          draw(true);
        });
        return h('fieldset', { class: 'member' },
          h('legend', {}, t('state.member', { n })),
          h('div', { class: 'field' }, h('label', { for: name.id }, t('state.name')), name),
          h('div', { class: 'field' }, h('label', { for: role.id }, t('state.memberRole')), role),
          remove);
      }),
    );
    add.disabled = !open || members.length >= hearing.delegationLimit;
    if (focusLast) (rows.querySelector<HTMLInputElement>(`#name-${id}-${members.length - 1}`))?.focus();
  };
  add.addEventListener('click', () => {
    members.push({ name: '', role: 'delegate' });
    draw(true);
  });
  const form = h('form', { novalidate: true, 'aria-labelledby': `delegation-${id}` },
    h('h3', { id: `delegation-${id}` }, t('state.delegation')),
    h('p', { class: 'muted' }, open ? t('state.deadline', { max: hearing.delegationLimit, deadline: formatInstant(hearing.delegationDeadline) }) : t('state.closed', { deadline: formatInstant(hearing.delegationDeadline) })),
    rows,
    h('div', { class: 'actions' }, add, h('button', { type: 'submit', disabled: !open }, t('state.save'))),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    status.className = '';
    try {
      const saved = await api<StateHearingView>(`/api/hearings/${id}/delegation`, { method: 'PUT', json: { members } });
      status.className = 'ok';
      status.textContent = t('state.saved', { count: saved.delegation?.members.length ?? 0 });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status.className = 'error';
      status.textContent = [e.problem.detail, ...(e.problem.errors ?? []).map((x) => `${x.path}: ${x.message}`)].join(' ');
    }
  });
  draw();
  return form;
}

export const statePage: Page = {
  path: 'state',
  titleKey: 'state.title',
  nav: ['state'],
  async render(main) {
    main.append(h('h1', {}, t('state.title')));
    const { state, items } = await api<{ state: string; items: StateHearingView[] }>('/api/state/hearings');
    main.append(h('p', {}, t('state.intro', { state: stateLabel(state) })));
    if (items.length === 0) {
      main.append(h('p', {}, t('state.none')));
      return;
    }
    for (const x of items) {
      main.append(
        h('section', { class: 'card state-hearing', 'data-request': x.id, 'aria-labelledby': `title-${x.id}` },
          h('h2', { id: `title-${x.id}` }, x.title),
          h('p', { class: 'muted' }, t('state.session', { number: x.sessionNumber }), ' · ', t(`state.status.${x.status}`), ' · ', x.states.map(stateLabel).join(', ')),
          h('dl', {},
            x.slot ? [h('dt', {}, t('state.when')), h('dd', {}, `${formatInstant(x.slot.start)}, ${x.slot.room}`)] : null,
            h('dt', {}, t('state.objective')), h('dd', {}, x.objective),
            h('dt', {}, t('state.participants')),
            h('dd', {}, h('ul', {}, x.participants.map((p) => h('li', {}, p.confidential ? t('state.confidential', { role: t(`hearings.role.${p.role}`) }) : `${p.name}${p.organization ? ` (${p.organization})` : ''} — ${t(`hearings.role.${p.role}`)}`))))),
          x.status === 'scheduled' ? h('p', {}, h('a', { href: `#/run-of-show?id=${x.id}` }, t('state.runOfShow'))) : null,
          delegationForm(x)),
      );
    }
  },
};
