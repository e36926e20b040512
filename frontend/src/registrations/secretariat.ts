// The secretariat's attendee list with counts per mode and status and a CSV download
// (the door's check-in page is checkin.ts).
import { api, apiRaw } from '../api';
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

export const attendeesPage: Page = {
  path: 'attendees',
  titleKey: 'reg.attendeesTitle',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('reg.attendeesTitle')));
    const { picker, number } = await sessionPicker('attendees', params);
    main.append(picker);
    // A page at a time (issue 17): a list of any size never comes in one answer.
    type ListPage = { items: RegistrationView[]; counts: Record<string, Record<string, number>>; nextCursor?: string };
    const listUrl = (cursor?: string) => `/api/sessions/${number}/registrations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
    const data = await api<ListPage>(listUrl());
    const columns = ['capacity', 'confirmed', 'waitlisted', 'cancelled', 'expired', 'checkedIn'] as const;
    main.append(
      h('table', { id: 'counts' },
        h('caption', {}, t('reg.countsCaption')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reg.attendance')), columns.map((c) => h('th', { scope: 'col' }, t(`reg.count.${c}`))))),
        h('tbody', {}, (['in_person', 'online'] as const).map((m) => h('tr', {}, h('th', { scope: 'row' }, t(`reg.mode.${m}`)), columns.map((c) => h('td', { 'data-count': `${m}.${c}` }, data.counts[m]?.[c] ?? 0)))))),
    );
    const download = h('button', { type: 'button', id: 'csv' }, t('reg.csv'));
    const progress = h('span', { role: 'status', id: 'csv-progress', class: 'muted' });
    download.addEventListener('click', async () => {
      // The CSV comes in pages (x-next-cursor), appended here into one file: no answer
      // from the server ever holds the whole export (Lambda answers at most 6 MB).
      download.disabled = true;
      const parts: Blob[] = [];
      let cursor: string | null = null;
      let rows = 0;
      do {
        const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
        const response = await apiRaw(`/api/sessions/${number}/registrations${query}`, { headers: { accept: 'text/csv' } });
        const part = await response.blob();
        // The first page keeps its BOM (fetch's blob() keeps bytes as they are).
        parts.push(part);
        rows += Math.max(0, (await part.text()).split('\r\n').length - 1);
        progress.textContent = t('reg.csvProgress', { n: rows });
        cursor = response.headers.get('x-next-cursor');
      } while (cursor);
      progress.textContent = '';
      download.disabled = false;
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      const a = h('a', { href: url, download: `registrations-${number}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    main.append(h('p', {}, download, ' ', progress));
    if (data.items.length === 0) {
      main.append(h('p', {}, t('reg.noneYet')));
      return;
    }
    const total = Object.values(data.counts).reduce((sum, c) => sum + (c.confirmed ?? 0) + (c.waitlisted ?? 0) + (c.cancelled ?? 0) + (c.expired ?? 0), 0);
    const row = (r: RegistrationView) =>
      h('tr', {},
        h('td', { class: 'code' }, r.confirmationCode),
        h('td', {}, r.name),
        h('td', {}, t(`reg.mode.${r.attendance}`)),
        h('td', {}, r.status === 'waitlisted' ? t('reg.status.waitlisted', { position: r.waitlistPosition ?? '?' }) : t(`reg.status.${r.status}`),
          (r.status === 'confirmed' || r.status === 'waitlisted') && !r.verifiedAt ? [' ', h('span', { class: 'muted' }, `(${t('reg.unverified')})`)] : null),
        h('td', {}, r.checkedInAt ? formatInstant(r.checkedInAt) : '—'),
      );
    const body = h('tbody', {}, data.items.map(row));
    main.append(
      h('table', { id: 'attendees' },
        h('caption', {}, t('reg.listCaption', { n: total })),
        h('thead', {}, h('tr', {}, ['codeLabel', 'name', 'attendance', 'statusLabel', 'checkedInLabel'].map((k) => h('th', { scope: 'col' }, t(`reg.${k}`))))),
        body),
    );
    let next = data.nextCursor;
    if (next) {
      const more = h('button', { type: 'button', class: 'secondary', id: 'more' }, t('reg.more'));
      more.addEventListener('click', async () => {
        more.disabled = true;
        const page = await api<ListPage>(listUrl(next));
        body.append(...page.items.map(row));
        next = page.nextCursor;
        if (next) more.disabled = false;
        else more.remove();
      });
      main.append(h('p', {}, more));
    }
  },
};
