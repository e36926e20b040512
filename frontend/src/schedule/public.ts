// The public schedule: the published version of a Period of Sessions, filtered by State
// and kind, in the reader's language, with the iCal feed and the changelog.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { formatInstant, t, viewerZone, zoneInWords } from '../i18n';
import { sameOffset } from '../ui';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { dayIn, pickSession, sessionChooser, stateLabel, timeIn, whenIn } from './shared';
import type { PublicScheduleView } from '../../../functions/scheduling/view';
import './texts';

// The public schedule as the API answers it (the server's zod schema; a type-only import).
type PublicSchedule = PublicScheduleView;
type PublicHearing = PublicScheduleView['hearings'][number];

export const publicSchedulePage: Page = {
  path: 'schedule',
  titleKey: 'schedule.title',
  nav: 'public',
  async render(main, params) {
    main.append(h('h1', {}, t('schedule.title')));
    const sessions = await listSessions();
    const session = pickSession(sessions, params);
    if (!session) return;
    main.append(sessionChooser('schedule', sessions, session.number));
    let schedule: PublicSchedule;
    try {
      schedule = await api<PublicSchedule>(`/api/sessions/${session.number}/schedule`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 404) {
        main.append(h('p', { class: 'not-published' }, t('schedule.notPublished')));
        return;
      }
      throw error;
    }
    // Times in the reader's own zone; the venue's zone named in words, and its local time
    // beside each hearing when the two differ.
    const venue = schedule.timeZone;
    const tz = viewerZone();
    const atVenue = (iso: string) => (sameOffset(tz, venue, new Date(iso)) ? null : h('span', { class: 'local-time' }, t('ui.localTime', { time: timeIn(iso, venue) })));
    const states = [...new Set(schedule.hearings.flatMap((x) => x.states))].sort((a, b) => stateLabel(a).localeCompare(stateLabel(b)));
    const kinds = [...new Set(schedule.hearings.map((x) => x.kind))].sort();
    const stateFilter = params.get('state') ?? '';
    const kindFilter = params.get('kind') ?? '';
    const go = (state: string, kind: string) => {
      const q = new URLSearchParams({ session: String(session.number) });
      if (state) q.set('state', state);
      if (kind) q.set('kind', kind);
      location.hash = `#/schedule?${q}`;
    };
    const stateSelect = h('select', { id: 'filter-state', onchange: (e: Event) => go((e.target as HTMLSelectElement).value, kindFilter) },
      h('option', { value: '' }, t('schedule.all')), states.map((s) => h('option', { value: s, selected: s === stateFilter }, stateLabel(s))));
    const kindSelect = h('select', { id: 'filter-kind', onchange: (e: Event) => go(stateFilter, (e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, t('schedule.all')), kinds.map((k) => h('option', { value: k, selected: k === kindFilter }, t(`schedule.kind.${k}`))));
    main.append(
      h('p', { class: 'version' }, t('schedule.version', { version: schedule.version, date: formatInstant(schedule.publishedAt, tz) }), ' ',
        h('a', { class: 'button', href: `/api/sessions/${session.number}/schedule.ics`, download: `iachr-${session.number}.ics`, id: 'ics' }, t('schedule.addToCalendar'))),
      h('div', { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: 'filter-state' }, t('schedule.filterState')), stateSelect),
        h('div', { class: 'field' }, h('label', { for: 'filter-kind' }, t('schedule.filterKind')), kindSelect)),
      h('p', { class: 'muted', id: 'times-in' }, sameOffset(tz, venue) ? t('ui.timesInZone', { zone: zoneInWords(venue) }) : t('ui.timesInYourZone', { viewer: zoneInWords(tz), zone: zoneInWords(venue) })),
    );
    const shown = schedule.hearings.filter((x) => (!stateFilter || x.states.includes(stateFilter)) && (!kindFilter || x.kind === kindFilter));
    if (shown.length === 0) main.append(h('p', {}, t('schedule.none')));
    const byDay = new Map<string, PublicHearing[]>();
    for (const x of shown) {
      const day = dayIn(x.start, tz);
      byDay.set(day, [...(byDay.get(day) ?? []), x]);
    }
    for (const [day, list] of byDay) {
      main.append(
        h('section', { class: 'card day' },
          h('h2', {}, day),
          h('table', {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('schedule.time')), h('th', { scope: 'col' }, t('schedule.hearing')), h('th', { scope: 'col' }, t('schedule.states')), h('th', { scope: 'col' }, t('schedule.room')))),
            h('tbody', {}, list.map((x) =>
              h('tr', { 'data-request': x.requestId, class: x.private ? 'private' : undefined },
                h('td', {}, `${timeIn(x.start, tz)}–${timeIn(x.end, tz)}`, atVenue(x.start)),
                h('td', {}, h('strong', { class: 'hearing-title' }, x.title), h('br'), h('span', { class: 'muted' }, t(`schedule.kind.${x.kind}`)),
                  x.participants.length > 0 ? h('ul', { class: 'participants' }, x.participants.map((p) => h('li', {}, p.organization ? `${p.name} (${p.organization})` : p.name))) : null),
                h('td', {}, x.states.map(stateLabel).join(', ')),
                h('td', {}, x.room))))),
        ),
      );
    }
    const titles = new Map(schedule.hearings.map((x) => [x.requestId, x.title]));
    const withChanges = schedule.changelog.filter((v) => v.version > 1 && v.changes.length > 0);
    if (withChanges.length > 0) {
      main.append(h('section', { class: 'card changelog' }, h('h2', {}, t('schedule.changelog')),
        withChanges.map((v) => h('div', {}, h('h3', {}, t('schedule.versionHeading', { version: v.version })),
          // A removed hearing is no longer in the schedule: it is told by its old slot, never by its id.
          h('ul', {}, v.changes.map((c) => h('li', {}, t(titles.has(c.requestId) || c.change !== 'removed' ? `schedule.change.${c.change}` : 'schedule.change.removedUnknown', {
            title: titles.get(c.requestId) ?? t('schedule.hearing'),
            from: c.from ? `${whenIn(c.from.start, tz)}, ${c.from.room}` : '',
            to: c.to ? `${whenIn(c.to.start, tz)}, ${c.to.room}` : '',
          }))))))));
    }
  },
};
