import { describe, expect, it } from 'vitest';
import { LANGS, negotiate, translate } from '../../functions/shared/messages';
import '../../functions/sessions/messages';

describe('negotiate', () => {
  it('takes the best supported language, honouring q-values', () => {
    expect(negotiate('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt');
    expect(negotiate('de-DE, fr;q=0.5, es;q=0.7')).toBe('es');
    expect(negotiate('de, it')).toBe('en');
    expect(negotiate(undefined)).toBe('en');
    expect(negotiate('es;q=0, fr')).toBe('fr');
  });
});

describe('translate', () => {
  it('fills parameters in every language', () => {
    for (const lang of LANGS) expect(translate(lang, 'session.notFound', { number: 999 })).toContain('999');
    expect(translate('fr', 'session.notFound', { number: 1 })).toBe("La Période de sessions 1 n'existe pas.");
  });
});
