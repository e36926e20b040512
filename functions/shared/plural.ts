// Ordinals and plurals in the four OAS official languages, through Intl.PluralRules, for
// the server's messages (pages, mails, iCal) and the browser's texts alike: one function,
// so "181st" cannot be right on a page and "181th" in the mail about it (issue 13).
// Plain code with no Node imports: the frontend bundles it.
export type PluralLang = 'es' | 'en' | 'pt' | 'fr';

// The ordinal suffix for each CLDR ordinal category of the language. Spanish and
// Portuguese write the masculine ordinal indicator (Período is masculine; Spanish puts
// a period before it, "175.º", Portuguese not, "175º"); French "1er", then "2e".
const ORDINAL_SUFFIX: Record<PluralLang, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  en: { one: 'st', two: 'nd', few: 'rd', other: 'th' },
  es: { other: '.º' },
  pt: { other: 'º' },
  fr: { one: 'er', other: 'e' },
};
const FEMININE_SUFFIX: typeof ORDINAL_SUFFIX = {
  en: ORDINAL_SUFFIX.en,
  es: { other: '.ª' },
  pt: { other: 'ª' },
  fr: { one: 're', other: 'e' },
};

const rulesCache = new Map<string, Intl.PluralRules>();
const rules = (lang: PluralLang, type: Intl.PluralRuleType) => {
  const key = `${lang}/${type}`;
  let r = rulesCache.get(key);
  if (!r) rulesCache.set(key, (r = new Intl.PluralRules(lang, { type })));
  return r;
};

/** 181 → "181st" (en), "181.º" (es), "181º" (pt), "181e" (fr; "1er", feminine "1re"). */
export function ordinal(n: number, lang: PluralLang, gender: 'masculine' | 'feminine' = 'masculine'): string {
  const suffixes = (gender === 'feminine' ? FEMININE_SUFFIX : ORDINAL_SUFFIX)[lang];
  return `${n}${suffixes[rules(lang, 'ordinal').select(n)] ?? suffixes.other}`;
}

/** The cardinal plural category of n in lang ("one", "other", …). */
export const pluralCategory = (n: number, lang: PluralLang): Intl.LDMLPluralRule => rules(lang, 'cardinal').select(n);

/**
 * Fills a message's placeholders: `{name}` is the value as given; `{name, ordinal}` its
 * ordinal (`{name, ordinal, feminine}` for a feminine noun: la 1re Période de sessions); `{name, plural, one {# place} other {# places}}` picks the branch of the
 * value's plural category (`=0 {…}` for an exact value), `#` standing for the number.
 * A placeholder without a value stays as written, so a missing parameter shows.
 */
export function formatMessage(text: string, lang: PluralLang, params: Record<string, string | number | undefined> = {}): string {
  return text.replace(/\{(\w+)(?:, (ordinal(?:, feminine)?|plural, ((?:\s*=?\w+ \{[^{}]*\})+)))?\}/g, (whole, name: string, kind?: string, branches?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (!kind) return String(value);
    const n = Number(value);
    if (kind.startsWith('ordinal')) return ordinal(n, lang, kind.endsWith('feminine') ? 'feminine' : 'masculine');
    const options = new Map<string, string>();
    for (const m of branches!.matchAll(/(=?\w+) \{([^{}]*)\}/g)) options.set(m[1], m[2]);
    const chosen = options.get(`=${n}`) ?? options.get(pluralCategory(n, lang)) ?? options.get('other') ?? '';
    return chosen.replace(/#/g, String(n));
  });
}
