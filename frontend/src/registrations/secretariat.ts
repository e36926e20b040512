// The secretariat's pages: check-in by confirmation code at the door, and the attendee
// list with counts per mode and status and a CSV download.
import { ApiError, api, apiRaw } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions, sessionName } from '../sessions/page';
import type { RegistrationView } from './manage';
import './texts';

async function sessionPicker(path: string, params: URLSearchParams): Promise<{ picker: HTMLElement; number: number }> {
  const sessions = await listSessions();
  const fallback = sessions.filter((s) => s.registration.capacity.in_person + s.registration.capacity.online > 0).at(-1)?.number ?? sessions.at(-1)?.number ?? 0;
  const number = Number(params.get('session')) || fallback;
  const select = h('select', { id: 'session', onchange: (e: Event) => (location.hash = `#/${path}?session=${(e.target as HTMLSelectElement).value}`) },
    sessions.map((s) => h('option', { value: s.number, selected: s.number === number }, sessionName(s.number))));
  return { picker: h('div', { class: 'field' }, h('label', { for: 'session' }, t('reg.session')), select), number };
}

export const checkInPage: Page = {
  path: 'checkin',
  titleKey: 'reg.checkinTitle',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('reg.checkinTitle')));
    const { picker, number } = await sessionPicker('checkin', params);
    const code = h('input', { type: 'text', id: 'code', name: 'confirmationCode', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true, maxlength: 40, 'aria-describedby': 'code-hint code-error' });
    const result = h('div', { role: 'status', id: 'checkin-result', 'aria-live': 'polite' });
    const error = h('span', { id: 'code-error', class: 'field-error' });
    const form = h('form', { novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'code' }, t('reg.codeLabel')), h('span', { id: 'code-hint', class: 'muted' }, t('reg.codeHint')), code, error),
      h('button', { type: 'submit' }, t('reg.checkinSubmit')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      result.textContent = '';
      result.className = '';
      try {
        const done = await api<{ checkedInAt: string; registration: RegistrationView }>(`/api/sessions/${number}/check-ins`, { method: 'POST', json: { confirmationCode: code.value } });
        result.className = 'ok';
        result.textContent = t('reg.checkedIn', { name: done.registration.name, code: done.registration.confirmationCode, at: formatInstant(done.checkedInAt) });
        code.value = '';
        code.focus();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        result.className = 'error';
        result.textContent = e.problem.detail;
        const issue = e.problem.errors?.find((i) => i.path === 'confirmationCode');
        if (issue) error.textContent = issue.message;
      }
    });
    main.append(picker, form, result);
  },
};

export const attendeesPage: Page = {
  path: 'attendees',
  titleKey: 'reg.attendeesTitle',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('reg.attendeesTitle')));
    const { picker, number } = await sessionPicker('attendees', params);
    main.append(picker);
    const data = await api<{ items: RegistrationView[]; counts: Record<string, Record<string, number>> }>(`/api/sessions/${number}/registrations`);
    const columns = ['capacity', 'confirmed', 'waitlisted', 'cancelled', 'checkedIn'] as const;
    main.append(
      h('table', { id: 'counts' },
        h('caption', {}, t('reg.countsCaption')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reg.attendance')), columns.map((c) => h('th', { scope: 'col' }, t(`reg.count.${c}`))))),
        h('tbody', {}, (['in_person', 'online'] as const).map((m) => h('tr', {}, h('th', { scope: 'row' }, t(`reg.mode.${m}`)), columns.map((c) => h('td', { 'data-count': `${m}.${c}` }, data.counts[m]?.[c] ?? 0)))))),
    );
    const download = h('button', { type: 'button', id: 'csv' }, t('reg.csv'));
    download.addEventListener('click', async () => {
      const response = await apiRaw(`/api/sessions/${number}/registrations`, { headers: { accept: 'text/csv' } });
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', { href: url, download: `registrations-${number}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    main.append(h('p', {}, download));
    if (data.items.length === 0) {
      main.append(h('p', {}, t('reg.noneYet')));
      return;
    }
    main.append(
      h('table', { id: 'attendees' },
        h('caption', {}, t('reg.listCaption', { n: data.items.length })),
        h('thead', {}, h('tr', {}, ['codeLabel', 'name', 'attendance', 'statusLabel', 'checkedInLabel'].map((k) => h('th', { scope: 'col' }, t(`reg.${k}`))))),
        h('tbody', {}, data.items.map((r) => h('tr', {},
          h('td', { class: 'code' }, r.confirmationCode),
          h('td', {}, r.name),
          h('td', {}, t(`reg.mode.${r.attendance}`)),
          h('td', {}, r.status === 'waitlisted' ? t('reg.status.waitlisted', { position: r.waitlistPosition ?? '?' }) : t(`reg.status.${r.status}`)),
          h('td', {}, r.checkedInAt ? formatInstant(r.checkedInAt) : '—'),
        )))),
    );
  },
};
