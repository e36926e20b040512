// What both schedule pages share: the session chooser, State names and times in the session's zone.
import { h } from '../dom';
import { lang, locale, t } from '../i18n';
import { type Session, sessionName } from '../sessions/page';

export const stateLabel = (code: string) => new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code;

export const timeIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
export const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(new Date(iso));
export const whenIn = (iso: string, timeZone: string) => `${dayIn(iso, timeZone)} ${timeIn(iso, timeZone)}`;

/** A labelled <select> of sessions; changing it rewrites the hash with ?session=N. */
export function sessionChooser(path: string, sessions: Session[], current: number): HTMLElement {
  const select = h(
    'select',
    { id: 'session', onchange: (e: Event) => (location.hash = `#/${path}?session=${(e.target as HTMLSelectElement).value}`) },
    sessions.map((s) => h('option', { value: s.number, selected: s.number === current }, sessionName(s.number))),
  );
  return h('div', { class: 'field' }, h('label', { for: 'session' }, t('schedule.session')), select);
}

export const pickSession = (sessions: Session[], params: URLSearchParams) => {
  const wanted = Number(params.get('session'));
  return sessions.find((s) => s.number === wanted) ?? sessions.find((s) => s.number === 178) ?? sessions[sessions.length - 1];
};
