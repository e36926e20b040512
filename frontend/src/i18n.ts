// The four OAS official languages in the browser. Each area of the site declares its
// texts with defineTexts(): every key carries es, en, pt and fr side by side, and
// test/unit/i18n.test.ts fails when one is missing or a key used in code is not defined.
import { formatMessage } from '../../functions/shared/plural';

export { ordinal } from '../../functions/shared/plural';
export const LANGS = ['es', 'en', 'pt', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type Texts = Record<string, Record<Lang, string>>;

export const LANGUAGE_NAMES: Record<Lang, string> = { es: 'Español', en: 'English', pt: 'Português', fr: 'Français' };

const catalog: Record<string, Record<Lang, string>> = {};
export const catalogs: Texts[] = [];

export function defineTexts<T extends Texts>(texts: T): T {
  catalogs.push(texts);
  Object.assign(catalog, texts);
  return texts;
}

let current: Lang = 'es';
const listeners: (() => void)[] = [];

export const lang = () => current;

export function setLang(next: Lang) {
  current = next;
  try {
    localStorage.setItem('docket.lang', next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export const onLangChange = (listener: () => void) => listeners.push(listener);

export function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('docket.lang');
  } catch {
    saved = null;
  }
  for (const candidate of [fromUrl, saved, ...navigator.languages.map((l) => l.slice(0, 2))]) {
    if (candidate && (LANGS as readonly string[]).includes(candidate)) return candidate as Lang;
  }
  return 'es';
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  const entry = catalog[key];
  const text = entry ? entry[current] : key;
  return formatMessage(text, current, params);
}

const locales: Record<Lang, string> = { es: 'es-419', en: 'en-US', pt: 'pt-BR', fr: 'fr-FR' };
export const locale = () => locales[current];

export const formatDate = (isoDate: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }) =>
  new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...options }).format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));

/** The viewer's own time zone (the browser's). */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A time zone in words in the page's language ("hora de Nueva York", "Eastern Time",
 * "heure : New York"), never an IANA name: the location-based name when the language has
 * one, else the generic one, else the city of the IANA name.
 */
export function zoneInWords(timeZone: string, at = new Date()): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  for (const style of ['shortGeneric', 'longGeneric'] as const) {
    try {
      const part = new Intl.DateTimeFormat(locale(), { timeZone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName');
      if (part && !/^(GMT|UTC)|^[A-Z]{1,5}$/.test(part.value)) return part.value;
    } catch {
      /* an engine without this style: try the next */
    }
  }
  return timeZone.split('/').pop()!.replace(/_/g, ' ');
}

/** Whether two zones show the same wall-clock time at this instant. */
export function sameOffset(a: string, b: string, at = new Date()): boolean {
  const f = (timeZone: string) => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', day: 'numeric' }).format(at);
  return f(a) === f(b);
}

const dateTime = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));

/**
 * An instant as people read it, its zone named in words, never as an ISO timestamp or an
 * IANA name. Without a session's zone: in the viewer's own zone. With one (a deadline, a
 * window of a Period of Sessions: instants that are the venue's): in that zone, and, when
 * the viewer's differs, also in theirs: "23 September 2020, 11:59 PM (Eastern Time;
 * 24 September 2020, 03:59 AM your time)".
 */
export function formatInstant(iso: string, sessionZone?: string): string {
  const at = new Date(iso);
  const viewer = viewerZone();
  if (!sessionZone || sameOffset(sessionZone, viewer, at)) return `${dateTime(iso, sessionZone)} (${zoneInWords(sessionZone ?? viewer, at)})`;
  return `${dateTime(iso, sessionZone)} (${zoneInWords(sessionZone, at)}; ${t('ui.yourTime', { time: dateTime(iso, viewer) })})`;
}
