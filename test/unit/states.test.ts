import { describe, expect, it } from 'vitest';
import { LANGS } from '../../functions/shared/messages';
import { OAS_STATES, STATE_CODES, isOasState, stateName } from '../../functions/shared/states';

describe('OAS member states', () => {
  it('are the 35 members, each with a real capital time zone and a name in four languages', () => {
    expect(STATE_CODES).toHaveLength(35);
    for (const code of STATE_CODES) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: OAS_STATES[code] })).not.toThrow();
      for (const lang of LANGS) expect(stateName(code, lang)).not.toBe(code);
    }
    expect(stateName('HT', 'fr')).toBe('Haïti');
    expect(stateName('BR', 'pt')).toBe('Brasil');
    expect(isOasState('ES')).toBe(false);
    expect(isOasState('__proto__')).toBe(false);
  });
});
