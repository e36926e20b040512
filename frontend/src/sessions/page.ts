// The Periods of Sessions page: dates, format, place and whether the request window
// is open, judged by the server's clock (which may be simulated locally).
import { api, serverNow } from '../api';
import { h } from '../dom';
import { formatDate, formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import type { SessionView } from '../../../functions/sessions/routes';
import './texts';

/** A Period of Sessions as the API answers it (the server's zod schema; a type-only import). */
export type Session = SessionView;

export const sessionName = (number: number) => t('sessions.name', { number });

export function windowState(window: { opensAt: string; closesAt: string }): 'open' | 'notYet' | 'closed' {
  const now = serverNow().getTime();
  if (now < Date.parse(window.opensAt)) return 'notYet';
  return now < Date.parse(window.closesAt) ? 'open' : 'closed';
}

export const listSessions = async () => (await api<{ items: Session[] }>('/api/sessions')).items;

export const sessionsPage: Page = {
  path: 'sessions',
  titleKey: 'sessions.title',
  nav: 'public',
  async render(main) {
    main.append(h('h1', {}, t('sessions.title')), h('p', {}, t('sessions.intro')));
    // Newest first: the coming Period is what most readers look for.
    const sessions = (await listSessions()).sort((a, b) => b.number - a.number);
    if (sessions.length === 0) main.append(h('p', {}, t('sessions.none')));
    for (const s of sessions) {
      const state = windowState(s.requestWindow);
      const windowText =
        state === 'open'
          ? t('sessions.window.open', { date: formatInstant(s.requestWindow.closesAt, s.timeZone) })
          : state === 'notYet'
            ? t('sessions.window.notYet', { date: formatInstant(s.requestWindow.opensAt, s.timeZone) })
            : t('sessions.window.closed', { date: formatInstant(s.requestWindow.closesAt, s.timeZone) });
      main.append(
        h(
          'section',
          { class: 'card', 'aria-labelledby': `session-${s.number}`, 'data-session': s.number },
          h('h2', { id: `session-${s.number}` }, sessionName(s.number)),
          h(
            'dl',
            {},
            h('dt', {}, t('sessions.dates')),
            h('dd', { class: 'dates' }, t('sessions.range', { from: formatDate(s.startDate), to: formatDate(s.endDate) })),
            h('dt', {}, t('sessions.format')),
            h('dd', {}, t(`sessions.format.${s.format}`)),
            h('dt', {}, t('sessions.place')),
            h('dd', {}, s.location ?? t('sessions.online')),
            h('dt', {}, t('sessions.window')),
            h('dd', { class: `window window-${state}` }, windowText),
            h('dt', {}, t('sessions.hearingDays')),
            h('dd', {}, s.hearingDays.map((d) => formatDate(d, { day: 'numeric', month: 'short' })).join(', ')),
          ),
        ),
      );
    }
  },
};
