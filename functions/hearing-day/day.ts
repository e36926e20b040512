// The hearing itself (issue 16): who its parties are, the joining details the
// secretariat gives them, the State's delegation, the speaking plan with the IACHR's
// equal time for the two parties, and what is kept once it is held. Types, zod schemas
// of the bodies and pure rules; no I/O, `now` is a parameter.
import * as z from 'zod/mini';
import type { Principal } from '../shared/auth';
import { type FieldIssue, RuleBroken } from '../shared/errors';
import { LANGS, type Lang } from '../shared/messages';
import { rule, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

/** The statuses in which a request is a hearing of its State: accepted or scheduled, never under review. */
export const HEARING_STATUSES = ['accepted', 'scheduled'] as const;

const httpsUrl = lazySchema(() => z.string().check(
  z.maxLength(2_000),
  z.refine(
    (v) => {
      try {
        return new URL(v).protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: rule('rule.day.https') },
  ),
));

// ---- Joining details ------------------------------------------------------------------

export const JoiningBody = lazySchema(() => z.object({
  videoLink: httpsUrl,
  passcode: z.optional(trimmed(64)),
  /** One channel per language the hearing is interpreted into. */
  interpretation: z.array(z.object({ language: z.enum(LANGS), channel: trimmed(120) })).check(z.maxLength(4)),
  securityGuidelines: httpsUrl,
}));
export type JoiningBody = z.infer<typeof JoiningBody>;
export interface Joining extends JoiningBody {
  requestId: string;
  updatedAt: string;
}

export function joiningIssues(body: JoiningBody): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  body.interpretation.forEach((c, i) => {
    if (seen.has(c.language)) issues.push({ path: `interpretation.${i}.language`, key: 'rule.day.languageTwice' });
    seen.add(c.language);
  });
  return issues;
}

// ---- The State's delegation -----------------------------------------------------------

export const DELEGATE_ROLES = ['head', 'delegate', 'adviser', 'interpreter'] as const;
/** How many people a State may register for one hearing (the request form's own limit for the petitioners). */
export const DELEGATION_LIMIT = 10;
/** The delegation closes this long before the hearing starts (or, unscheduled, before the Period starts). */
export const DELEGATION_CLOSES_HOURS = 24;

export const DelegationBody = lazySchema(() => z.object({
  members: z.array(z.object({ name: trimmed(200), role: z.enum(DELEGATE_ROLES) })).check(z.maxLength(50)),
}));
export type DelegationBody = z.infer<typeof DelegationBody>;
export interface Delegation extends DelegationBody {
  requestId: string;
  state: string;
  updatedAt: string;
}

export function delegationIssues(body: DelegationBody): FieldIssue[] {
  if (body.members.length < 1 || body.members.length > DELEGATION_LIMIT) {
    return [{ path: 'members', key: 'rule.day.delegationCount', params: { max: DELEGATION_LIMIT } }];
  }
  return [];
}

/** When the State may no longer change its delegation. */
export function delegationDeadline(slot: { start: string } | undefined, sessionStartDate: string): string {
  const from = slot ? Date.parse(slot.start) : Date.parse(`${sessionStartDate}T00:00:00Z`);
  return new Date(from - DELEGATION_CLOSES_HOURS * 3600_000).toISOString();
}

// ---- Speaking time --------------------------------------------------------------------

export const SPEAKERS = ['petitioners', 'state', 'commission', 'petitioners_reply', 'state_reply'] as const;
export type Speaker = (typeof SPEAKERS)[number];
export type Scope = 'country' | 'regional';

/** A hearing about more than one State is regional (as the scheduler counts it). */
export const scopeOf = (states: readonly string[]): Scope => (states.length > 1 ? 'regional' : 'country');

/** The IACHR's practice: each party speaks 20 minutes in a country hearing, 30 in a regional one. */
export const PARTY_MINUTES: Record<Scope, number> = { country: 20, regional: 30 };
/** The Commission's questions and the answers to them fill the rest of the hearing's time. */
const QUESTIONS: Record<Scope, number> = { country: 20, regional: 30 };

export const PlanBody = lazySchema(() => z.object({
  segments: z.array(z.object({ speaker: z.enum(SPEAKERS), minutes: z.int().check(z.minimum(1), z.maximum(240)) })).check(z.maxLength(20)),
}));
export type PlanBody = z.infer<typeof PlanBody>;
export type Segment = PlanBody['segments'][number];

/**
 * The IACHR's default order: the petitioners, then the State, for the rule's minutes
 * each, then the Commission's questions. Replies are the secretariat's to add (the two
 * parties' totals must stay equal).
 */
export function defaultPlan(scope: Scope): Segment[] {
  const m = PARTY_MINUTES[scope];
  return [
    { speaker: 'petitioners', minutes: m },
    { speaker: 'state', minutes: m },
    { speaker: 'commission', minutes: QUESTIONS[scope] },
  ];
}

/** Each party's minutes in all (statement and reply). */
export function partyMinutes(segments: readonly Segment[]): { petitioners: number; state: number } {
  const sum = (speakers: Speaker[]) => segments.filter((s) => speakers.includes(s.speaker)).reduce((t, s) => t + s.minutes, 0);
  return { petitioners: sum(['petitioners', 'petitioners_reply']), state: sum(['state', 'state_reply']) };
}

/** A plan keeps both parties speaking, for equal time, and fits the hearing's slot. */
export function planIssues(segments: readonly Segment[], slotMinutes: number | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { petitioners, state } = partyMinutes(segments);
  if (!segments.some((s) => s.speaker === 'petitioners') || !segments.some((s) => s.speaker === 'state')) {
    issues.push({ path: 'segments', key: 'rule.day.bothParties' });
  } else if (petitioners !== state) {
    issues.push({ path: 'segments', key: 'rule.day.equalTime', params: { petitioners, state } });
  }
  const total = segments.reduce((t, s) => t + s.minutes, 0);
  if (slotMinutes !== undefined && total > slotMinutes) issues.push({ path: 'segments', key: 'rule.day.tooLong', params: { total, slot: slotMinutes } });
  return issues;
}

// ---- After the hearing ----------------------------------------------------------------

export const RecordBody = lazySchema(() => z.object({
  recordingUrl: z.optional(httpsUrl),
  summary: z.object({ es: trimmed(2_000), en: trimmed(2_000), pt: trimmed(2_000), fr: trimmed(2_000) }),
}));
export type RecordBody = z.infer<typeof RecordBody>;

/** Titles in the four languages: the secretariat adds translations of the applicant's title. */
export const TitlesBody = lazySchema(() => z.object({ es: z.optional(trimmed(300)), en: z.optional(trimmed(300)), pt: z.optional(trimmed(300)), fr: z.optional(trimmed(300)) }));
export type Titles = z.infer<typeof TitlesBody>;

export function titlesIssues(body: Titles): FieldIssue[] {
  return LANGS.some((l) => body[l]) ? [] : [{ path: 'es', key: 'rule.day.oneTitle' }];
}

/** A hearing's titles, the reader's language first, then the others in the OAS order. */
export function titlesFor(titles: Titles | undefined, lang: Lang): { language: Lang; title: string }[] {
  if (!titles) return [];
  return [lang, ...LANGS.filter((l) => l !== lang)].filter((l) => titles[l]).map((l) => ({ language: l, title: titles[l]! }));
}

/**
 * The public schedule's hearings with their titles in the four languages: `title` in
 * the reader's language when a translation was given, `titles` every one given, the
 * reader's first. Private hearings keep "Private hearing" and no titles.
 */
export function withTitles<H extends { requestId: string; private: boolean; title: string }>(hearings: readonly H[], titles: Map<string, Titles>, lang: Lang): (H & { titles: { language: Lang; title: string }[] })[] {
  return hearings.map((h) => {
    const given = h.private ? undefined : titles.get(h.requestId);
    return { ...h, title: given?.[lang] ?? h.title, titles: titlesFor(given, lang) };
  });
}

// ---- Who takes part -------------------------------------------------------------------

export type Party = 'petitioners' | 'state' | 'secretariat' | 'commissioner';

/**
 * Whether `viewer` is a party to the hearing: the requesting organisation, a State it
 * concerns, the secretariat, the commissioners (not a national of a State concerned:
 * Art. 17 keeps them out of the hearing).
 */
export function partyOf(request: { ownerSub: string; states: readonly string[] }, viewer: Principal): Party | undefined {
  if (viewer.roles.includes('secretariat')) return 'secretariat';
  if (viewer.roles.includes('applicant') && viewer.sub === request.ownerSub) return 'petitioners';
  if (viewer.roles.includes('state') && viewer.state && request.states.includes(viewer.state)) return 'state';
  if (viewer.roles.includes('commissioner') && !(viewer.nationality && request.states.includes(viewer.nationality))) return 'commissioner';
  return undefined;
}

export const isHearing = (status: string) => (HEARING_STATUSES as readonly string[]).includes(status);

/** Throws the field errors, if any, as one 422. */
export function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new RuleBroken('error.validation', {}, issues);
}

// ---- The States' own language and mailbox ---------------------------------------------

const ENGLISH = ['AG', 'BS', 'BB', 'BZ', 'CA', 'DM', 'GD', 'GY', 'JM', 'KN', 'LC', 'VC', 'TT', 'US'];
/** The language a State's notices are written in: its official OAS language. */
export function stateLanguage(code: string): Lang {
  if (code === 'BR') return 'pt';
  if (code === 'HT') return 'fr';
  if (ENGLISH.includes(code) || code === 'SR') return 'en';
  return 'es';
}
