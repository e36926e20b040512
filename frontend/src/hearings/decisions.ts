// A Period's decisions and statistics (issue 15), for the secretariat: the decisions held
// with the message each applicant will receive, released together after a confirmation;
// counts by outcome, State, kind and language as bar charts (SVG drawn here: no chart
// library for four bar lists); the requests as CSV.
import { ApiError, api, apiRaw, hasRole } from '../api';
import { clear, h } from '../dom';
import { LANGUAGE_NAMES, type Lang, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions, sessionName } from '../sessions/page';
import { stateName } from './model';
import './review-texts';
import './texts';

interface HeldItem {
  requestId: string;
  title: string;
  decision: 'accepted' | 'rejected' | 'deferred';
  language: Lang;
  subject: string;
  text: string;
}
interface Stats {
  total: number;
  byState: Record<string, number>;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  byOutcome: Record<string, number>;
}

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag: string, attrs: Record<string, string | number>) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};

/** A horizontal bar chart with its numbers in a table for screen readers (the SVG is decorative). */
function bars(title: string, counts: Record<string, number>, label: (key: string) => string): HTMLElement {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const row = 22;
  const chart = svg('svg', { viewBox: `0 0 320 ${Math.max(row, entries.length * row)}`, width: '100%', 'aria-hidden': 'true', focusable: 'false', class: 'bars' });
  entries.forEach(([key, n], i) => {
    chart.append(svg('rect', { x: 0, y: i * row + 4, width: Math.max(2, (n / max) * 200), height: row - 8, fill: 'currentColor', rx: 2 }));
    const text = svg('text', { x: (n / max) * 200 + 6, y: i * row + row / 2 + 4, 'font-size': 12, fill: 'currentColor' });
    text.textContent = `${label(key)}: ${n}`;
    chart.append(text);
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    chart,
    h('table', { class: 'visually-hidden' }, h('tbody', {}, ...entries.map(([key, n]) => h('tr', {}, h('th', { scope: 'row' }, label(key)), h('td', {}, String(n)))))),
  );
}

async function heldSection(session: number): Promise<HTMLElement> {
  const section = h('section', { 'aria-labelledby': 'held-title' }, h('h2', { id: 'held-title' }, t('decisions.held.title')));
  const { items } = await api<{ items: HeldItem[] }>(`/api/sessions/${session}/decisions`);
  if (!items.length) {
    section.append(h('p', {}, t('decisions.held.none')));
    return section;
  }
  section.append(
    h('p', {}, t('decisions.held.count', { count: items.length })),
    h(
      'ul',
      { class: 'held-list' },
      ...items.map((i) =>
        h(
          'li',
          { 'data-id': i.requestId },
          h('strong', {}, i.title),
          ` — ${t(`hearings.decision.${i.decision}`)}`,
          h('details', {}, h('summary', {}, t('decisions.message', { language: LANGUAGE_NAMES[i.language] })), h('p', {}, h('strong', {}, i.subject)), h('pre', { class: 'mail' }, i.text)),
        ),
      ),
    ),
  );
  const status = h('p', { role: 'status' });
  const release = h('button', { type: 'button' }, t('decisions.release', { count: items.length })) as HTMLButtonElement;
  release.addEventListener('click', () => {
    const dialog = h('dialog', { 'aria-labelledby': 'release-q' }) as HTMLDialogElement;
    const yes = h('button', { type: 'button' }, t('decisions.release.yes')) as HTMLButtonElement;
    const no = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('hearings.cancel'));
    const alert = h('p', { role: 'alert' });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        const result = await api<{ released: number; remaining: number }>(`/api/sessions/${session}/decisions/release`, { method: 'POST' });
        dialog.close();
        release.hidden = true;
        status.textContent = t('decisions.released', { released: result.released });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        alert.textContent = error.problem.detail;
        yes.disabled = false;
      }
    });
    dialog.append(h('p', { id: 'release-q' }, t('decisions.release.confirm', { count: items.length })), yes, ' ', no, alert);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    // No default action: the safe choice has the focus.
    (no as HTMLButtonElement).focus();
  });
  section.append(release, status);
  return section;
}

async function statsSection(session: number): Promise<HTMLElement> {
  const stats = await api<Stats>(`/api/sessions/${session}/hearing-requests/stats`);
  const download = h('button', { type: 'button', class: 'secondary' }, t('decisions.csv')) as HTMLButtonElement;
  download.addEventListener('click', async () => {
    // The export needs the bearer token, so it is fetched and handed over as a file.
    const response = await apiRaw(`/api/sessions/${session}/hearing-requests.csv`);
    const url = URL.createObjectURL(await response.blob());
    const a = h('a', { href: url, download: `hearing-requests-${session}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return h(
    'section',
    { 'aria-labelledby': 'stats-title' },
    h('h2', { id: 'stats-title' }, t('decisions.stats.title')),
    h('p', {}, t('decisions.stats.total', { total: stats.total }), ' ', download),
    h(
      'div',
      { class: 'charts' },
      bars(t('decisions.stats.byOutcome'), stats.byOutcome, (k) => t(`hearings.status.${k}`)),
      bars(t('decisions.stats.byState'), stats.byState, stateName),
      bars(t('decisions.stats.byKind'), stats.byKind, (k) => t(`hearings.kind.${k}`)),
      bars(t('decisions.stats.byLanguage'), stats.byLanguage, (k) => LANGUAGE_NAMES[k as Lang] ?? k),
    ),
  );
}

export const decisionsPage: Page = {
  path: 'hearings/decisions',
  titleKey: 'decisions.title',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('decisions.title')));
    if (!hasRole('secretariat')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.secretariat') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    const sessions = [...(await listSessions())].reverse();
    const chosen = params.get('session') ?? String(sessions[0]?.number ?? '');
    const select = h('select', { id: 'f-session' }, ...sessions.map((s) => h('option', { value: String(s.number), selected: String(s.number) === chosen }, sessionName(s.number)))) as HTMLSelectElement;
    const form = h('form', { class: 'filters' }, h('label', { for: 'f-session' }, t('decisions.session')), ' ', select, ' ', h('button', { type: 'submit' }, t('decisions.show')));
    const body = h('div', {});
    const show = async () => {
      clear(body);
      if (!select.value) return;
      // The Period in the URL: a reload or a shared link shows the same one.
      history.replaceState(null, '', `#/hearings/decisions?session=${select.value}`);
      const n = Number(select.value);
      body.append(await heldSection(n), await statsSection(n));
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void show();
    });
    main.append(form, h('p', {}, h('a', { href: '#/hearings/templates' }, t('templates.title'))), body);
    await show();
  },
};
