// The rules of a draft's submission (functions/hearings/draft.ts): every problem at once,
// a missing or blank field said as "required", never in the validation library's words.
import { describe, expect, it } from 'vitest';
import { DraftBody, compact, submissionIssues } from '../../functions/hearings/draft';
import { RequestBody } from '../../functions/hearings/request';
import { RuleBroken } from '../../functions/shared/errors';
import { parse } from '../../functions/shared/validation';

const shape = (fields: unknown) => {
  try {
    parse(RequestBody, fields, 'en');
    return [];
  } catch (error) {
    if (error instanceof RuleBroken) return error.issues;
    throw error;
  }
};

describe('draft submission rules', () => {
  it('names every missing field of an empty draft as required, once each', () => {
    const issues = submissionIssues({}, shape({}));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.key]));
    for (const path of ['sessionNumber', 'kind', 'states', 'title', 'objective', 'basis', 'participants', 'languages', 'private', 'contact']) {
      expect(byPath[path], path).toBe('rule.hearing.required');
    }
    expect(issues.map((i) => i.path)).toEqual([...new Set(issues.map((i) => i.path))]);
    expect(issues.some((i) => i.text)).toBe(false);
  });

  it('keeps the rules between fields and says a wrong email in words', () => {
    const fields = { sessionNumber: 1, kind: 'case' as const, states: ['CO', 'XX'], title: 'T', objective: 'a b', basis: 'c', participants: [{ name: 'A', role: 'witness' as const }], languages: ['es' as const], private: true, contact: { name: 'A', email: 'a@' } };
    const issues = submissionIssues(fields, shape(fields));
    expect(Object.fromEntries(issues.map((i) => [i.path, i.key]))).toEqual({
      'contact.email': 'rule.hearing.email',
      'states.1': 'rule.hearing.state',
      matter: 'rule.hearing.matterRequired',
      privateReason: 'rule.hearing.privateReason',
    });
  });

  it('finds nothing wrong with a complete draft', () => {
    const fields = { sessionNumber: 1, kind: 'thematic' as const, states: ['CO'], title: 'T', objective: 'a b', basis: 'c', participants: [{ name: 'A', role: 'witness' as const, confidential: false }], languages: ['es' as const], private: false, contact: { name: 'A', email: 'a@example.org' } };
    expect(submissionIssues(fields, shape(fields))).toEqual([]);
  });

  it('accepts partial drafts with blanks but refuses wrong types and lengths', () => {
    expect(DraftBody.safeParse({ title: '', participants: [{ name: '' }] }).success).toBe(true);
    expect(DraftBody.safeParse({ title: 'x'.repeat(301) }).success).toBe(false);
    expect(DraftBody.safeParse({ kind: 'party' }).success).toBe(false);
    expect(compact({ title: '', contact: { name: '' }, participants: [{ name: '', role: 'witness' }] })).toEqual({ participants: [{ role: 'witness' }] });
  });
});
