// The secretariat's timetable: days × times × rooms of a Period of Sessions, to propose a
// timetable, move hearings by hand and publish the next version. A hearing is dragged to
// another slot or room, or moved with the keyboard (its "Move" button and the form); while
// it is, every cell says whether it fits and, if not, what it would clash with, in words,
// before anything is dropped (the server checks every hard constraint again on the move).
import { ApiError, api } from '../api';
import { clear, h } from '../dom';
import { t, zoneInWords } from '../i18n';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { dayIn, pickSession, sessionChooser, stateLabel, whenIn } from './shared';
import type { DraftView, MoveOptionsView } from '../../../functions/scheduling/view';
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
    const act = async (run: () => Promise<string>): Promise<void> => {
      status.replaceChildren();
      try {
        const message = await run();
        await draw();
        status.replaceChildren(h('p', {}, message));
      } catch (error) {
        status.replaceChildren(problemBox(error));
      }
    };
    let lastVersion = 0;
    const propose = h('button', { type: 'button', id: 'propose' }, t('timetable.propose')) as HTMLButtonElement;
    propose.addEventListener('click', () => {
      // A proposal takes seconds: say so, and keep a second press from starting another.
      propose.disabled = true;
      body.setAttribute('aria-busy', 'true');
      status.replaceChildren(h('p', { class: 'busy' }, t('timetable.proposing')));
      void act(async () => {
        const p = await api<{ assignments: unknown[]; unscheduled: unknown[] }>(`/api/sessions/${n}/schedule/proposals`, { method: 'POST' });
        return t('timetable.proposed', { placed: p.assignments.length, left: p.unscheduled.length });
      }).finally(() => {
        propose.disabled = false;
        body.removeAttribute('aria-busy');
      });
    });
    const publish = h('button', { type: 'button', id: 'publish', class: 'secondary' }, t('timetable.publish')) as HTMLButtonElement;
    publish.addEventListener('click', () => {
      const dialog = h('dialog', { 'aria-labelledby': 'publish-q' }) as HTMLDialogElement;
      const yes = h('button', { type: 'button' }, t('timetable.publishYes')) as HTMLButtonElement;
      const no = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('timetable.cancel')) as HTMLButtonElement;
      yes.addEventListener('click', () => {
        dialog.close();
        void act(async () => {
          const p = await api<{ version: number; unchanged?: boolean }>(`/api/sessions/${n}/schedule/publish`, { method: 'POST' });
          return p.unchanged ? t('timetable.unchanged', { version: p.version }) : t('timetable.published', { version: p.version });
        });
      });
      dialog.append(h('p', { id: 'publish-q' }, t('timetable.publishConfirm', { version: lastVersion + 1 })), yes, ' ', no);
      dialog.addEventListener('close', () => dialog.remove());
      document.body.append(dialog);
      dialog.showModal();
      no.focus();
    });
    main.append(
      sessionChooser('timetable', sessions, n),
      h('div', { class: 'actions' },
        propose, ' ', publish),
      status,
      body,
    );

    // What each cell would mean for the hearing being moved (the server's words), per hearing.
    type Option = MoveOptionsView['options'][number];
    const options = new Map<string, Promise<Option[]>>();
    const optionsOf = (requestId: string) => {
      if (!options.has(requestId)) options.set(requestId, api<MoveOptionsView>(`/api/sessions/${n}/schedule/hearings/${encodeURIComponent(requestId)}/options`).then((o) => o.options));
      return options.get(requestId)!;
    };
    const hint = h('p', { id: 'drop-hint', role: 'status', 'aria-live': 'polite' });
    let dragging: string | undefined;
    let chooseForMove: (requestId: string) => void = () => {};
    const cells = () => [...body.querySelectorAll<HTMLElement>('td[data-start]')];
    const unmark = () => {
      for (const c of cells()) {
        c.classList.remove('fits', 'clash');
        c.removeAttribute('title');
      }
    };
    const optionAt = async (requestId: string, cell: HTMLElement) => (await optionsOf(requestId)).find((o) => o.start === cell.dataset.start && o.room === cell.dataset.room);
    async function showOptions(requestId: string) {
      const all = await optionsOf(requestId);
      const byCell = new Map(all.map((o) => [`${o.start}|${o.room}`, o]));
      for (const c of cells()) {
        const o = byCell.get(`${c.dataset.start}|${c.dataset.room}`);
        if (!o || c.dataset.request === requestId) continue;
        c.classList.add(o.fits ? 'fits' : 'clash');
        c.title = o.fits ? t('timetable.fits') : t('timetable.clashHere', { clashes: o.clashes.join(' ') });
      }
    }
    /** A cell a dragged hearing may be dropped on: allowed only where it fits; the clash is said before the drop. */
    function target(cell: HTMLElement): HTMLElement {
      cell.addEventListener('dragover', (event) => {
        if (!dragging || cell.dataset.request === dragging) return;
        const o = options.get(dragging) ? cell.classList.contains('fits') : false;
        if (o) event.preventDefault();
      });
      cell.addEventListener('dragenter', () => {
        if (!dragging || cell.dataset.request === dragging) return;
        void optionAt(dragging, cell).then((o) => {
          if (o) hint.textContent = o.fits ? t('timetable.fits') : t('timetable.clashHere', { clashes: o.clashes.join(' ') });
        });
      });
      cell.addEventListener('drop', (event) => {
        event.preventDefault();
        const requestId = event.dataTransfer?.getData('text/plain') || dragging;
        dragging = undefined;
        if (!requestId) return;
        void act(async () => {
          await api(`/api/sessions/${n}/schedule/hearings/${encodeURIComponent(requestId)}`, { method: 'PUT', json: { start: cell.dataset.start, room: cell.dataset.room } });
          return t('timetable.moved');
        });
      });
      return cell;
    }

    async function draw() {
      const draft = await api<Draft>(`/api/sessions/${n}/schedule/draft`);
      clear(body);
      options.clear();
      lastVersion = draft.published?.version ?? 0;
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
            if (!x) return target(h('td', { class: 'free', 'data-start': start, 'data-room': room }, h('span', { class: 'muted' }, t('timetable.free'))));
            if (x.slots > 1) covered.add(`${s + 1}|${room}`);
            const cell = h('td', { rowspan: x.slots, class: 'hearing', 'data-request': x.requestId, 'data-start': start, 'data-room': room, draggable: 'true' },
              h('strong', {}, x.title), h('br'), h('span', { class: 'muted' }, x.states.map(stateLabel).join(', ')),
              x.slots > 1 ? h('span', { class: 'muted' }, ` · ${t('timetable.regional')}`) : null,
              x.private ? h('span', { class: 'muted' }, ` · ${t('timetable.private')}`) : null, ' ',
              h('button', { type: 'button', class: 'secondary small', 'aria-label': t('timetable.moveThis', { title: x.title }), onclick: () => chooseForMove(x.requestId) }, t('timetable.move')));
            cell.addEventListener('dragstart', (event) => {
              event.dataTransfer?.setData('text/plain', x.requestId);
              if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
              dragging = x.requestId;
              void showOptions(x.requestId);
            });
            cell.addEventListener('dragend', () => {
              dragging = undefined;
              hint.textContent = '';
              unmark();
            });
            return target(cell);
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
      body.prepend(h('p', { class: 'muted', id: 'drag-hint' }, t('timetable.dragHint')), hint);
      // Moving: choose a hearing, a start and a room; the server answers with the clash in words.
      const hearingSelect = h('select', { id: 'move-hearing' }, draft.hearings.map((x) => h('option', { value: x.requestId }, x.start ? `${x.title} (${whenIn(x.start, tz)}, ${x.room})` : x.title)));
      const startSelect = h('select', { id: 'move-start', 'aria-describedby': 'move-start-error' }, draft.grid.starts.flat().map((iso) => h('option', { value: iso }, whenIn(iso, tz))));
      const roomSelect = h('select', { id: 'move-room', 'aria-describedby': 'move-room-error' }, draft.grid.rooms.map((r) => h('option', { value: r }, r)));
      const startError = h('span', { id: 'move-start-error', class: 'field-error' });
      const roomError = h('span', { id: 'move-room-error', class: 'field-error' });
      const preview = h('p', { id: 'move-preview', 'aria-live': 'polite' });
      // The keyboard's "drag": the chosen slot and room say whether the hearing fits, before moving.
      const previewMove = async () => {
        const found = (await optionsOf(hearingSelect.value)).find((o) => o.start === startSelect.value && o.room === roomSelect.value);
        preview.className = found?.fits ? 'fits' : 'clash';
        preview.textContent = !found ? '' : found.fits ? t('timetable.fits') : t('timetable.clashHere', { clashes: found.clashes.join(' ') });
      };
      for (const select of [hearingSelect, startSelect, roomSelect]) select.addEventListener('change', () => void previewMove());
      chooseForMove = (requestId: string) => {
        hearingSelect.value = requestId;
        void showOptions(requestId);
        void previewMove();
        startSelect.focus();
      };
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
        preview,
        h('button', { type: 'submit', id: 'move' }, t('timetable.move')));
      body.append(form);
    }
    await draw();
  },
};
