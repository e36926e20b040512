// The input of the secretariat's review routes (issue 15): zod schemas and the list of
// rapporteurships a request can be assigned to. Pure: the routes and the use cases share it.
import * as z from 'zod/mini';
import { STATE_CODES } from '../shared/states';
import { rule, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

/** The IACHR's thematic rapporteurships; a country rapporteurship is `country-<ISO code>`. */
export const THEMATIC_RAPPORTEURSHIPS = [
  'indigenous-peoples',
  'women',
  'migrants',
  'children',
  'defenders',
  'persons-deprived-of-liberty',
  'afro-descendants',
  'lgbti',
  'older-persons',
  'persons-with-disabilities',
  'memory-truth-justice',
  'freedom-of-expression',
  'escer',
] as const;
export const RAPPORTEURSHIPS: readonly string[] = [...THEMATIC_RAPPORTEURSHIPS, ...STATE_CODES.map((c) => `country-${c.toLowerCase()}`)];

export const QuestionBody = lazySchema(() => z.object({ question: trimmed(2_000) }));
export const AnswerBody = lazySchema(() => z.object({ answer: trimmed(4_000) }));
export const AssignmentBody = lazySchema(() => z.object({
  kind: z.enum(['rapporteurship', 'member']),
  to: trimmed(200),
}));
export const ScoreBody = lazySchema(() => z.object({ score: z.int().check(z.minimum(1, { message: rule('rule.hearing.score') }), z.maximum(5, { message: rule('rule.hearing.score') })) }));
export const NoteBody = lazySchema(() => z.object({ text: trimmed(4_000), shared: z._default(z.boolean(), false) }));

export type QuestionBody = z.infer<typeof QuestionBody>;
export type AssignmentBody = z.infer<typeof AssignmentBody>;
export type NoteBody = z.infer<typeof NoteBody>;

