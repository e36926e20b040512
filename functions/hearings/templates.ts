// Notice templates (issue 15): the texts of the decision, question and scheduling notices,
// editable per language by the secretariat. The built-in texts of the message catalogs
// stay the default; a stored template replaces one (kind, language) pair. Every
// placeholder of a template must be one its kind fills: a template naming `{nmae}` would
// mail the braces to an applicant, so it is refused when saved. Pure: no I/O.
import * as z from 'zod/mini';
import type { FieldIssue } from '../shared/errors';
import { LANGS, type Lang, translate } from '../shared/messages';
import { formatMessage } from '../shared/plural';
import '../scheduling/messages';
import './messages';
import { lazySchema } from '../shared/lazy';

interface KindDef {
  subjectKey: string;
  textKey: string;
  placeholders: readonly string[];
  /** Values for the preview. */
  sample: Record<string, string | number>;
}

const request = { id: '01JBX3K7Q9ZV2M6T8R4N5P0WYA', title: 'Derechos de las personas defensoras en la región', session: 177 };
const decision = { ...request, from: 177, status: '…', reason: 'Interés regional y disponibilidad de agenda.' };

export const TEMPLATE_KINDS = {
  'hearing.submitted': {
    subjectKey: 'hearing.mail.submitted.subject',
    textKey: 'hearing.mail.submitted.text',
    placeholders: ['id', 'title', 'session'],
    sample: request,
  },
  'hearing.accepted': {
    subjectKey: 'hearing.mail.decision.subject',
    textKey: 'hearing.mail.decision.text',
    placeholders: ['id', 'title', 'session', 'from', 'status', 'reason'],
    sample: decision,
  },
  'hearing.rejected': {
    subjectKey: 'hearing.mail.decision.subject',
    textKey: 'hearing.mail.decision.text',
    placeholders: ['id', 'title', 'session', 'from', 'status', 'reason'],
    sample: decision,
  },
  'hearing.deferred': {
    subjectKey: 'hearing.mail.decision.subject',
    textKey: 'hearing.mail.deferred.text',
    placeholders: ['id', 'title', 'session', 'from', 'status', 'reason'],
    sample: { ...decision, session: 178 },
  },
  'hearing.info_requested': {
    subjectKey: 'hearing.mail.question.subject',
    textKey: 'hearing.mail.question.text',
    placeholders: ['id', 'title', 'session', 'question'],
    sample: { ...request, question: '¿Podrían precisar qué Estados participarán?' },
  },
  'hearing.scheduled': {
    subjectKey: 'notice.scheduled.subject',
    textKey: 'notice.scheduled.text',
    placeholders: ['title', 'session', 'when', 'timeZone', 'room', 'version', 'url'],
    sample: { title: request.title, session: 177, when: '7 de octubre de 2020, 10:00', timeZone: 'America/Port-au-Prince', room: 'Sala Rubén Darío', version: 1, url: 'https://docket.example.org/#/schedule?session=177' },
  },
} as const satisfies Record<string, KindDef>;

export type TemplateKind = keyof typeof TEMPLATE_KINDS;
export const TEMPLATE_KIND_NAMES = Object.keys(TEMPLATE_KINDS) as TemplateKind[];

export interface Template {
  subject: string;
  text: string;
}

/** A stored template: what the secretariat saved for one kind and language. */
export interface StoredTemplate extends Template {
  kind: TemplateKind;
  lang: Lang;
  updatedAt: string;
  updatedBy: string;
}

/** The stored templates, by `kind#lang`; what a renderer is given. */
export type TemplateSet = ReadonlyMap<string, Template>;
export const templateId = (kind: TemplateKind, lang: Lang) => `${kind}#${lang}`;

export const TemplateBody = lazySchema(() => z.object({
  subject: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(8_000)),
}));
export const TemplateParams = lazySchema(() => z.object({ kind: z.enum(TEMPLATE_KIND_NAMES as [TemplateKind, ...TemplateKind[]]), lang: z.enum(LANGS) }));

// What formatMessage (shared/plural.ts) fills: `{name}`, `{name, ordinal}`, `{name, ordinal,
// feminine}`, `{name, plural, one {…} other {…}}`.
const PLACEHOLDER = /\{(\w+)(?:, (ordinal(?:, feminine)?|plural, ((?:\s*=?\w+ \{[^{}]*\})+)))?\}/g;

/** Every placeholder problem of one field: an unknown name, or a brace that opens nothing formatMessage reads. */
function fieldIssues(path: 'subject' | 'text', value: string, allowed: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const m of value.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1])) issues.push({ path, key: 'rule.template.placeholder', params: { name: m[1], allowed: allowed.map((a) => `{${a}}`).join(', ') } });
  }
  // What is left once the placeholders are taken out must hold no brace at all.
  if (/[{}]/.test(value.replace(PLACEHOLDER, ''))) issues.push({ path, key: 'rule.template.brace', params: { allowed: allowed.map((a) => `{${a}}`).join(', ') } });
  return issues;
}

export function templateIssues(kind: TemplateKind, template: Template): FieldIssue[] {
  const allowed = TEMPLATE_KINDS[kind].placeholders;
  return [...fieldIssues('subject', template.subject, allowed), ...fieldIssues('text', template.text, allowed)];
}

/** The built-in text of a kind in a language (the message catalogs). */
export function builtIn(kind: TemplateKind, lang: Lang): Template {
  const def = TEMPLATE_KINDS[kind];
  const raw = (key: string) => translate(lang, key, {});
  return { subject: raw(def.subjectKey), text: raw(def.textKey) };
}

/** A notice's subject and text: the stored template when there is one, else the built-in text. */
export function render(kind: TemplateKind, lang: Lang, params: Record<string, string | number | undefined>, templates: TemplateSet = new Map()): Template {
  const template = templates.get(templateId(kind, lang)) ?? builtIn(kind, lang);
  return { subject: formatMessage(template.subject, lang, params), text: formatMessage(template.text, lang, params) };
}

/** The preview of a template with sample values (the secretariat sees what a recipient would). */
export function preview(kind: TemplateKind, lang: Lang, template: Template): Template {
  const sample = { ...TEMPLATE_KINDS[kind].sample } as Record<string, string | number>;
  if ('status' in sample) sample.status = translate(lang, `hearing.status.${kind.split('.')[1]}`);
  return { subject: formatMessage(template.subject, lang, sample), text: formatMessage(template.text, lang, sample) };
}
