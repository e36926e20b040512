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

export const formatInstant = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
