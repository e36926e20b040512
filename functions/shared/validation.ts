// Validation at the boundary: zod/mini schemas (about 15 KB in a bundle, against 440 KB
// for classic zod), with zod's own messages in the caller's language and our rule keys
// for the domain rules zod cannot know.
import * as z from 'zod/mini';
import { en, es, fr, pt } from 'zod/v4/locales';
import { type FieldIssue, type MessageParams, RuleBroken } from './errors';
import type { Lang } from './messages';
import { lazySchema } from './lazy';

// Built on the first failure in a language, not at start: most requests are valid, and
// four locale tables at module init were cold-start time for nothing (issue 17).
const localeFactories = { en, es, fr, pt };
const locales: Partial<Record<Lang, ReturnType<typeof en>>> = {};
const localeOf = (lang: Lang) => (locales[lang] ??= localeFactories[lang]());

/** A message for a custom check: a rule key from messages.ts plus its parameters. */
export const rule = (key: string, params: MessageParams = {}): string => `${key}|${JSON.stringify(params)}`;

function toFieldIssue(issue: z.core.$ZodIssue, prefix: string): FieldIssue {
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const bar = issue.message.indexOf('|');
  if (bar > 0 && /^rule\.[\w.]+$/.test(issue.message.slice(0, bar))) {
    return { path, key: issue.message.slice(0, bar), params: JSON.parse(issue.message.slice(bar + 1)) };
  }
  return { path, key: issue.code, text: issue.message };
}

/** Parses `value` or throws RuleBroken (422) naming every failing field. */
export function parse<S extends z.ZodMiniType>(schema: S, value: unknown, lang: Lang, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value, { error: (issue) => localeOf(lang).localeError(issue) });
  if (result.success) return result.data as z.infer<S>;
  throw new RuleBroken('error.validation', {}, result.error.issues.map((issue) => toFieldIssue(issue, prefix)));
}

// Reusable field schemas.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date YYYY-MM-DD that exists (no 30 February). */
export const isoDate = lazySchema(() => z.string().check(
  z.refine((v) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: rule('rule.date'),
  }),
));
/** An ISO 8601 instant with an explicit zone, so it means one moment everywhere. */
export const instant = lazySchema(() => z.string().check(z.refine((v) => INSTANT.test(v) && !Number.isNaN(Date.parse(v)), { message: rule('rule.instant') })));
export const timeZone = lazySchema(() => z.string().check(
  z.refine(
    (v) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: v });
        return v.includes('/') || v === 'UTC';
      } catch {
        return false;
      }
    },
    { message: rule('rule.timeZone') },
  ),
));
/** A path parameter that must be a positive whole number, such as a session number. */
export const intParam = lazySchema(() => z.pipe(
  z.string().check(z.regex(/^\d{1,6}$/, { message: rule('rule.integer') })),
  z.transform((v) => Number(v)),
));
export const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
