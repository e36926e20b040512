// Drafts of hearing requests (issue 15): what an applicant has typed so far, kept on the
// server. A draft is checked loosely (types and lengths, so the table holds nothing
// absurd) and never for completeness: that comes at submission, all at once, with the
// same rules as a direct submission (request.ts). Pure: no I/O.
import * as z from 'zod/mini';
import type { FieldIssue } from '../shared/errors';
import { LANGS, type Lang } from '../shared/messages';
import { isoDate } from '../shared/validation';
import { KINDS, MATTER_TYPES, PARTICIPANT_ROLES, type RequestBody, normalise, requestIssues } from './request';
import { lazySchema } from '../shared/lazy';

export const DRAFT_STATUSES = ['draft', 'submitted'] as const;

/** How long an untouched draft is kept before DynamoDB's TTL removes it (a draft holds personal data). */
export const DRAFT_DAYS = 180;
/** How long a submitted draft's tombstone answers a repeated submit with its request. */
export const TOMBSTONE_DAYS = 7;

const text = (max: number) => z.string().check(z.maxLength(max));

/** Every field optional and any of them may be empty; only types and lengths are checked. */
export const DraftBody = lazySchema(() => z.object({
  sessionNumber: z.optional(z.int().check(z.minimum(1), z.maximum(999_999))),
  kind: z.optional(z.enum(KINDS)),
  states: z.optional(z.array(text(8)).check(z.maxLength(60))),
  matter: z.optional(z.object({ type: z.optional(z.enum(MATTER_TYPES)), number: z.optional(text(40)) })),
  title: z.optional(text(300)),
  objective: z.optional(text(2_000)),
  basis: z.optional(text(6_000)),
  participants: z.optional(
    z
      .array(z.object({ name: z.optional(text(200)), organization: z.optional(text(200)), role: z.optional(z.enum(PARTICIPANT_ROLES)), confidential: z.optional(z.boolean()) }))
      .check(z.maxLength(50)),
  ),
  languages: z.optional(z.array(z.enum(LANGS)).check(z.maxLength(4))),
  private: z.optional(z.boolean()),
  privateReason: z.optional(text(2_000)),
  contact: z.optional(z.object({ name: z.optional(text(200)), email: z.optional(text(320)), phone: z.optional(text(40)) })),
  observations: z.optional(text(4_000)),
  unavailableDates: z.optional(z.array(isoDate).check(z.maxLength(60))),
  language: z.optional(z.enum(LANGS)),
}));
export type DraftFields = z.infer<typeof DraftBody>;

/** PUT: the whole draft again, and optionally the version it was read at (409 if it changed since). */
export const DraftUpdateBody = lazySchema(() => z.extend(DraftBody, { version: z.optional(z.int().check(z.minimum(1))) }));
export type DraftUpdateBody = z.infer<typeof DraftUpdateBody>;

export interface HearingDraft {
  id: string;
  ownerSub: string;
  status: (typeof DRAFT_STATUSES)[number];
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What was typed (absent from a submitted draft's tombstone). */
  request: DraftFields;
  /** Set once submitted: the request it became. */
  requestId?: string;
  /** Epoch seconds: DynamoDB's TTL removes the item after that. */
  expiresAt: number;
}

export const DraftView = lazySchema(() => z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
  request: DraftBody,
}));
export type DraftView = z.infer<typeof DraftView>;
export const DraftPage = lazySchema(() => z.object({ items: z.array(DraftView) }));

export const draftView = (d: HearingDraft): DraftView => ({ id: d.id, createdAt: d.createdAt, updatedAt: d.updatedAt, version: d.version, request: d.request });

export const expiryOf = (now: Date, days: number) => Math.floor(now.getTime() / 1000) + days * 86_400;

/** Drops empty strings and empty objects, so an empty field reads as absent (never stored as ""). */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (c === undefined || c === '' || (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0)) continue;
      out[k] = c;
    }
    return out as T;
  }
  return value;
}

const valueAt = (root: unknown, path: string) =>
  path.split('.').filter(Boolean).reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), root);

/**
 * Every broken rule of a draft about to be submitted, each naming its field, all at
 * once: the shape issues of the full schema (a missing or blank field said as "required",
 * not in the validation library's words) and the rules between fields, one per field.
 */
export function submissionIssues(fields: DraftFields, shapeIssues: FieldIssue[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: FieldIssue) => {
    if (seen.has(issue.path)) return;
    seen.add(issue.path);
    issues.push(issue);
  };
  for (const issue of shapeIssues) {
    const value = valueAt(fields, issue.path);
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
    if (blank) add({ path: issue.path, key: 'rule.hearing.required' });
    else if (issue.path === 'contact.email') add({ path: issue.path, key: 'rule.hearing.email' });
    else add(issue);
  }
  // The rules between fields, on what there is (missing parts read as empty).
  const loose = {
    sessionNumber: 0,
    kind: fields.kind ?? 'thematic',
    states: fields.states ?? [],
    matter: fields.matter?.type && fields.matter.number?.trim() ? (fields.matter as RequestBody['matter']) : undefined,
    title: fields.title ?? '',
    objective: fields.objective ?? '',
    basis: fields.basis ?? '',
    participants: (fields.participants ?? []).map((p) => ({ name: p.name ?? '', role: p.role ?? 'other', confidential: !!p.confidential })),
    languages: fields.languages ?? [],
    private: fields.private ?? false,
    privateReason: fields.privateReason,
    contact: { name: fields.contact?.name ?? '', email: fields.contact?.email ?? '' },
    unavailableDates: fields.unavailableDates,
  } satisfies Omit<RequestBody, 'language'>;
  for (const issue of requestIssues(normalise(loose))) {
    // The kind was missing: its own "required" says it; the matter rule would only guess.
    if (issue.path === 'matter' && !fields.kind) continue;
    add(issue);
  }
  if (fields.sessionNumber === undefined) add({ path: 'sessionNumber', key: 'rule.hearing.required' });
  return issues;
}

export type { Lang };
