// Ordinals and plurals come from Intl.PluralRules through one function (issue 13,
// finding 7: "181th", "182th", "183th" in pages, mails and iCal).
import { describe, expect, it } from 'vitest';
import { formatMessage, ordinal } from '../../functions/shared/plural';
import { translate } from '../../functions/shared/messages';
import { renderIcs } from '../../functions/scheduling/publication';
import '../../functions/registrations/messages';
import '../../functions/hearings/messages';

describe('ordinal', () => {
  it('gives English suffixes by the CLDR ordinal rule', () => {
    const cases: [number, string][] = [
      [1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'],
      [21, '21st'], [22, '22nd'], [101, '101st'], [111, '111th'], [175, '175th'], [181, '181st'], [182, '182nd'], [183, '183rd'],
    ];
    expect(cases.map(([n]) => ordinal(n, 'en'))).toEqual(cases.map(([, s]) => s));
  });

  it('writes Spanish, Portuguese and French ordinals', () => {
    expect(ordinal(175, 'es')).toBe('175.º');
    expect(ordinal(175, 'pt')).toBe('175º');
    expect(ordinal(175, 'fr')).toBe('175e');
    expect(ordinal(1, 'fr')).toBe('1er');
    expect(ordinal(1, 'fr', 'feminine')).toBe('1re');
    expect(ordinal(181, 'es', 'feminine')).toBe('181.ª');
  });
});

describe('formatMessage', () => {
  it('fills ordinals and plural branches, leaving unknown placeholders as written', () => {
    const text = '{n, plural, =0 {no place} one {# place} other {# places}} in the {s, ordinal} period; {missing}';
    expect(formatMessage(text, 'en', { n: 0, s: 1 })).toBe('no place in the 1st period; {missing}');
    expect(formatMessage(text, 'en', { n: 1, s: 2 })).toBe('1 place in the 2nd period; {missing}');
    expect(formatMessage(text, 'en', { n: 5, s: 3 })).toBe('5 places in the 3rd period; {missing}');
    // French: 0 and 1 are both "one" (CLDR), unlike English.
    expect(formatMessage('{n, plural, one {# place} other {# places}}', 'fr', { n: 0 })).toBe('0 place');
  });
});

describe('rendered texts for the 181st-183rd Periods', () => {
  it('say 181st, 182nd, 183rd in server messages, mails and iCal', () => {
    expect(translate('en', 'hearing.windowClosed', { session: 181, closesAt: 'x' })).toContain('181st Period of Sessions');
    expect(translate('es', 'hearing.windowClosed', { session: 181, closesAt: 'x' })).toContain('181.º Período de Sesiones');
    expect(translate('fr', 'hearing.windowClosed', { session: 181, closesAt: 'x' })).toContain('181e Période de sessions');
    const mails = [181, 182, 183].map((session) => translate('en', 'mail.cancelled.subject', { session }));
    expect(mails.join(' | ')).toMatch(/181st Period.*182nd Period.*183rd Period/);
    expect(mails.join(' ')).not.toMatch(/\d+th\b/);
    const ics = renderIcs({ number: 183, timeZone: 'America/Bogota' }, 1, [], 'en', 'http://127.0.0.1');
    expect(ics).toContain('183rd Period of Sessions');
    expect(ics).not.toContain('183th');
  });

  it('say 181st, 182nd, 183rd on the pages', async () => {
    (globalThis as { localStorage?: unknown }).localStorage = undefined;
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    await import('../../frontend/src/sessions/texts');
    const i18n = await import('../../frontend/src/i18n');
    i18n.setLang('en');
    expect([181, 182, 183].map((number) => i18n.t('sessions.name', { number }))).toEqual([
      '181st Period of Sessions',
      '182nd Period of Sessions',
      '183rd Period of Sessions',
    ]);
    i18n.setLang('pt');
    expect(i18n.t('sessions.name', { number: 182 })).toBe('182º Período de Sessões');
  });
});
