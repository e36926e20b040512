// The secretariat's timetable: days × times × rooms of a Period of Sessions, to propose a
// timetable, move hearings by hand (the server checks every hard constraint and says
// what clashes, in words) and publish the next version.
import { ApiError, api } from '../api';
import { clear, h } from '../dom';
import { t, zoneInWords } from '../i18n';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { dayIn, pickSession, sessionChooser, stateLabel, whenIn } from './shared';
import type { DraftView } from '../../../functions/scheduling/view';
import './texts';

// The working timetable as the API answers it (the server's zod schema; a type-only import).
type Draft = DraftView;
type DraftHearing = DraftView['hearings'][number];

function problemBox(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) return h('div', { role: 'alert', class: 'error' }, String(error));
  return h('div', { role: 'alert', class: 'error problem' }, h('p', {}, error.problem.detail),
    error.problem.errors && error.problem.errors.length > 1 ? h('ul', {}, error.problem.errors.map((e) => h('li', {}, e.message))) : null);
}

export const timetablePage: Page = {
  path: 'timetable',
  titleKey: 'timetable.title',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('timetable.title')));
    const sessions = await listSessions();
    const session = pickSession(sessions, params);
    if (!session) return;
    const n = session.number;
    const status = h('div', { id: 'status', role: 'status' });
    const body = h('div', { id: 'timetable' });
    const act = async (run: () => Promise<string>) => {
      status.replaceChildren();
      try {
        const message = await run();
        await draw();
        status.replaceChildren(h('p', {}, message));
      } catch (error) {
        status.replaceChildren(problemBox(error));
      }
    };
    main.append(
      sessionChooser('timetable', sessions, n),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'propose', onclick: () => act(async () => {
          const p = await api<{ assignments: unknown[]; unscheduled: unknown[] }>(`/api/sessions/${n}/schedule/proposals`, { method: 'POST' });
          return t('timetable.proposed', { placed: p.assignments.length, left: p.unscheduled.length });
        }) }, t('timetable.propose')), ' ',
        h('button', { type: 'button', id: 'publish', class: 'secondary', onclick: () => act(async () => {
          const p = await api<{ version: number }>(`/api/sessions/${n}/schedule/publish`, { method: 'POST' });
          return t('timetable.published', { version: p.version });
        }) }, t('timetable.publish'))),
      status,
      body,
    );

    async function draw() {
      const draft = await api<Draft>(`/api/sessions/${n}/schedule/draft`);
      clear(body);
      const tz = draft.timeZone;
      if (draft.published) body.append(h('p', { class: 'muted' }, t('timetable.lastPublished', { version: draft.published.version })));
      if (!draft.proposalId) {
        body.append(h('p', {}, t('timetable.noDraft')));
        return;
      }
      body.append(h('p', { class: 'muted' }, t('ui.timesInZone', { zone: zoneInWords(tz) })));
      if (draft.conflicts.length > 0) {
        body.append(h('section', { class: 'card conflicts' }, h('h2', {}, t('timetable.conflicts')), h('ul', {}, draft.conflicts.map((c) => h('li', { role: 'alert' }, c.text)))));
      }
      const at = new Map<string, DraftHearing>();
      for (const x of draft.hearings) if (x.start && x.room) at.set(`${x.start}|${x.room}`, x);
      draft.grid.days.forEach((day, d) => {
        const covered = new Set<string>();
        const rows = draft.grid.times.map((time, s) => {
          const start = draft.grid.starts[d][s];
          return h('tr', {}, h('th', { scope: 'row' }, time), draft.grid.rooms.map((room) => {
            if (covered.has(`${s}|${room}`)) return null;
            const x = at.get(`${start}|${room}`);
            if (!x) return h('td', { class: 'free' }, h('span', { class: 'muted' }, t('timetable.free')));
            if (x.slots > 1) covered.add(`${s + 1}|${room}`);
            return h('td', { rowspan: x.slots, class: 'hearing', 'data-request': x.requestId },
              h('strong', {}, x.title), h('br'), h('span', { class: 'muted' }, x.states.map(stateLabel).join(', ')),
              x.slots > 1 ? h('span', { class: 'muted' }, ` · ${t('timetable.regional')}`) : null,
              x.private ? h('span', { class: 'muted' }, ` · ${t('timetable.private')}`) : null);
          }));
        });
        body.append(h('section', { class: 'card day' }, h('h2', {}, dayIn(draft.grid.starts[d][0] ?? `${day}T12:00:00Z`, tz)),
          h('div', { class: 'scroll' }, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('schedule.time')), draft.grid.rooms.map((r) => h('th', { scope: 'col' }, r)))), h('tbody', {}, rows)))));
      });
      if (draft.unscheduled.length > 0) {
        const titles = new Map(draft.hearings.map((x) => [x.requestId, x.title]));
        body.append(h('section', { class: 'card unscheduled' }, h('h2', {}, t('timetable.unscheduled')),
          h('ul', {}, draft.unscheduled.map((u) => h('li', { 'data-request': u.requestId }, h('strong', {}, titles.get(u.requestId) ?? u.requestId), ': ', u.explanation)))));
      }
      // Moving: choose a hearing, a start and a room; the server answers with the clash in words.
      const hearingSelect = h('select', { id: 'move-hearing' }, draft.hearings.map((x) => h('option', { value: x.requestId }, x.start ? `${x.title} (${whenIn(x.start, tz)}, ${x.room})` : x.title)));
      const startSelect = h('select', { id: 'move-start', 'aria-describedby': 'move-start-error' }, draft.grid.starts.flat().map((iso) => h('option', { value: iso }, whenIn(iso, tz))));
      const roomSelect = h('select', { id: 'move-room', 'aria-describedby': 'move-room-error' }, draft.grid.rooms.map((r) => h('option', { value: r }, r)));
      const startError = h('span', { id: 'move-start-error', class: 'field-error' });
      const roomError = h('span', { id: 'move-room-error', class: 'field-error' });
      const form = h('form', { class: 'card move', onsubmit: (e: Event) => {
        e.preventDefault();
        startError.textContent = '';
        roomError.textContent = '';
        void act(async () => {
          try {
            await api(`/api/sessions/${n}/schedule/hearings/${encodeURIComponent(hearingSelect.value)}`, { method: 'PUT', json: { start: startSelect.value, room: roomSelect.value } });
          } catch (error) {
            if (error instanceof ApiError) {
              for (const issue of error.problem.errors ?? []) (issue.path === 'room' ? roomError : startError).append(issue.message, ' ');
            }
            throw error;
          }
          return t('timetable.moved');
        });
      } },
        h('h2', {}, t('timetable.moveTitle')),
        h('div', { class: 'field' }, h('label', { for: 'move-hearing' }, t('schedule.hearing')), hearingSelect),
        h('div', { class: 'field' }, h('label', { for: 'move-start' }, t('timetable.start')), startSelect, startError),
        h('div', { class: 'field' }, h('label', { for: 'move-room' }, t('schedule.room')), roomSelect, roomError),
        h('button', { type: 'submit', id: 'move' }, t('timetable.move')));
      body.append(form);
    }
    await draw();
  },
};
