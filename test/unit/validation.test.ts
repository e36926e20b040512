import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { RuleBroken } from '../../functions/shared/errors';
import { intParam, parse } from '../../functions/shared/validation';

describe('parse', () => {
  const schema = z.object({ n: intParam, email: z.string().check(z.email()) });

  it('returns the parsed value', () => {
    expect(parse(schema, { n: '178', email: 'a@b.org' }, 'en')).toEqual({ n: 178, email: 'a@b.org' });
  });

  it('throws RuleBroken naming each field, with zod messages in the language asked', () => {
    const fail = (lang: 'es' | 'fr') => {
      try {
        parse(schema, { n: '-1', email: 'nope' }, lang);
      } catch (error) {
        return error as RuleBroken;
      }
      throw new Error('no error');
    };
    const es = fail('es');
    expect(es.status).toBe(422);
    expect(es.issues.map((i) => i.path)).toEqual(['n', 'email']);
    expect(es.issues[1].text).toMatch(/correo/);
    expect(fail('fr').issues[1].text).toMatch(/e-mail|adresse/i);
  });
});
