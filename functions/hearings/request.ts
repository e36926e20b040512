// Hearing requests: the types, the zod schemas of the body, the rules a person can act
// on (each naming its field), and the status machine. Pure: no I/O, `now` is a parameter.
import * as z from 'zod/mini';
import { Conflict, type FieldIssue, RuleBroken } from '../shared/errors';
import { LANGS, type Lang } from '../shared/messages';
import { isOasState, STATE_CODES } from '../shared/states';
import { isoDate, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

export const KINDS = ['case', 'precautionary_measure', 'follow_up', 'thematic', 'working_meeting'] as const;
export const MATTER_TYPES = ['petition', 'case', 'precautionary_measure'] as const;
export const PARTICIPANT_ROLES = ['petitioner', 'representative', 'witness', 'expert', 'other'] as const;
export const STATUSES = ['submitted', 'accepted', 'rejected', 'deferred', 'withdrawn', 'scheduled', 'info_requested'] as const;
export const DECISIONS = ['accepted', 'rejected', 'deferred'] as const;

export type Kind = (typeof KINDS)[number];
export type Status = (typeof STATUSES)[number];
export type Decision = (typeof DECISIONS)[number];

/** The official form's limits (IACHR hearing request form). */
export const LIMITS = { objectiveWords: 25, basisWords: 75, minParticipants: 1, maxParticipants: 10, maxStates: STATE_CODES.length } as const;

/** Kinds that must name the petition, case or precautionary measure they concern. */
export const KINDS_WITH_MATTER: readonly Kind[] = ['case', 'precautionary_measure', 'follow_up', 'working_meeting'];

const Participant = lazySchema(() => z.object({
  name: trimmed(200),
  organization: z.optional(trimmed(200)),
  role: z.enum(PARTICIPANT_ROLES),
  confidential: z._default(z.boolean(), false),
}));

// Shapes only; the rules between fields (and the counts, so their messages are ours)
// are in requestIssues().
// Built with the first schema that uses them (issue 17: nothing zod builds at import).
const fieldsOf = () => ({
  sessionNumber: z.int().check(z.minimum(1), z.maximum(999_999)),
  kind: z.enum(KINDS),
  states: z.array(z.string().check(z.maxLength(8))).check(z.maxLength(60)),
  matter: z.optional(z.object({ type: z.enum(MATTER_TYPES), number: trimmed(40) })),
  title: trimmed(300),
  objective: z.string().check(z.maxLength(2_000)),
  basis: z.string().check(z.maxLength(6_000)),
  participants: z.array(Participant).check(z.maxLength(50)),
  languages: z.array(z.enum(LANGS)).check(z.minLength(1), z.maxLength(4)),
  private: z.boolean(),
  privateReason: z.optional(z.string().check(z.maxLength(2_000))),
  contact: z.object({ name: trimmed(200), email: z.email(), phone: z.optional(trimmed(40)) }),
  observations: z.optional(z.string().check(z.maxLength(4_000))),
  /** Participants' unavailable dates (YYYY-MM-DD), read by the scheduler. */
  unavailableDates: z.optional(z.array(isoDate).check(z.maxLength(60))),
  /** The applicant's language for notifications; defaults to Accept-Language. */
  language: z.optional(z.enum(LANGS)),
});
let built: ReturnType<typeof fieldsOf> | undefined;
const fields = () => (built ??= fieldsOf());
type Editable = Omit<ReturnType<typeof fieldsOf>, 'sessionNumber'>;

export const RequestBody = lazySchema(() => z.object(fields()));
export type RequestBody = z.infer<typeof RequestBody>;

/** PATCH: any field but the session (a request moves only by deferral). */
export const EditBody = lazySchema(() => {
  const { sessionNumber: _session, ...editable } = fields();
  return z.object(Object.fromEntries(Object.entries(editable).map(([k, s]) => [k, z.optional(s)])) as {
    [K in keyof Editable]: z.ZodMiniOptional<Editable[K]>;
  });
});
export type EditBody = z.infer<typeof EditBody>;

export const DecisionBody = lazySchema(() => z.object({
  decision: z.enum(DECISIONS),
  reason: trimmed(2_000),
  deferTo: z.optional(z.int().check(z.minimum(1), z.maximum(999_999))),
  /** Tell the applicant now instead of with the Period's other decisions (issue 15: held by default). */
  releaseNow: z.optional(z.boolean()),
}));
export type DecisionBody = z.infer<typeof DecisionBody>;

export const WithdrawBody = lazySchema(() => z.optional(z.object({ reason: z.optional(trimmed(2_000)) })));

export interface Participant {
  name: string;
  organization?: string;
  role: (typeof PARTICIPANT_ROLES)[number];
  confidential: boolean;
}

export interface HistoryEntry {
  at: string;
  status: Status;
  by: string;
  reason?: string;
}

/** A decision recorded but not yet released to the applicant (issue 15: released together per Period). */
export interface HeldDecision {
  decision: Decision;
  reason: string;
  /** The Period it was decided in; the release of that Period's decisions sends it. */
  from: number;
  at: string;
  /** What the applicant still sees: the history up to here, the status `submitted`, the Period `from`. */
  historyLength: number;
}

/** One question of the secretariat to the applicant, and the answer once given. */
export interface InfoExchange {
  question: string;
  askedAt: string;
  askedBy: string;
  /** Where the answer is sent (the member of the secretariat who asked). */
  askedByEmail?: string;
  answer?: string;
  answeredAt?: string;
}

/** Who reviews the request: a rapporteurship (its code) or a member of the secretariat (an email). */
export interface Assignment {
  to: string;
  kind: 'rapporteurship' | 'member';
  at: string;
  by: string;
}

export interface Slot {
  start: string;
  end: string;
  room: string;
}

export interface HearingRequest {
  id: string;
  status: Status;
  sessionNumber: number;
  submittedAt: string;
  updatedAt: string;
  kind: Kind;
  states: string[];
  matter?: { type: (typeof MATTER_TYPES)[number]; number: string };
  title: string;
  objective: string;
  basis: string;
  participants: Participant[];
  languages: Lang[];
  private: boolean;
  privateReason?: string;
  contact: { name: string; email: string; phone?: string };
  observations?: string;
  unavailableDates?: string[];
  language: Lang;
  ownerSub: string;
  history: HistoryEntry[];
  slot?: Slot;
  /** A decision the applicant has not been told of yet. */
  held?: HeldDecision;
  /** Questions asked and answered, oldest first. */
  info?: InfoExchange[];
  assignment?: Assignment;
  /** Reviewers' scores (1–5) by reviewer subject; only the secretariat sees them, as an average. */
  scores?: Record<string, number>;
  /** Incremented by every write; edits and decisions are conditional on it. */
  version: number;
}

export const countWords = (text: string) => text.trim().split(/\s+/u).filter(Boolean).length;

/** The request as it will be stored: States upper-cased once, working meetings private. */
export function normalise<T extends Omit<RequestBody, 'language'>>(input: T): T {
  const states = [...new Set(input.states.map((s) => s.trim().toUpperCase()))];
  const workingMeeting = input.kind === 'working_meeting';
  return {
    ...input,
    states,
    // A working meeting is a closed meeting of the parties: always private, no reason asked.
    private: workingMeeting ? true : input.private,
    privateReason: workingMeeting ? undefined : input.private ? input.privateReason?.trim() || undefined : undefined,
    unavailableDates: input.unavailableDates ? [...new Set(input.unavailableDates)].sort() : undefined,
  };
}

/** Every broken rule of a (normalised) request, each naming its field. */
export function requestIssues(input: Omit<RequestBody, 'language' | 'sessionNumber'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.states.length < 1 || input.states.length > LIMITS.maxStates) {
    issues.push({ path: 'states', key: 'rule.hearing.statesCount', params: { max: LIMITS.maxStates } });
  }
  input.states.forEach((code, i) => {
    if (!isOasState(code)) issues.push({ path: `states.${i}`, key: 'rule.hearing.state', params: { code } });
  });
  if (KINDS_WITH_MATTER.includes(input.kind) && !input.matter) issues.push({ path: 'matter', key: 'rule.hearing.matterRequired' });
  const objective = countWords(input.objective);
  if (objective === 0) issues.push({ path: 'objective', key: 'rule.hearing.required' });
  else if (objective > LIMITS.objectiveWords) issues.push({ path: 'objective', key: 'rule.hearing.words', params: { max: LIMITS.objectiveWords, count: objective } });
  const basis = countWords(input.basis);
  if (basis === 0) issues.push({ path: 'basis', key: 'rule.hearing.required' });
  else if (basis > LIMITS.basisWords) issues.push({ path: 'basis', key: 'rule.hearing.words', params: { max: LIMITS.basisWords, count: basis } });
  if (input.participants.length < LIMITS.minParticipants || input.participants.length > LIMITS.maxParticipants) {
    issues.push({ path: 'participants', key: 'rule.hearing.participantsCount', params: { min: LIMITS.minParticipants, max: LIMITS.maxParticipants } });
  }
  if (input.private && input.kind !== 'working_meeting' && !input.privateReason?.trim()) {
    issues.push({ path: 'privateReason', key: 'rule.hearing.privateReason' });
  }
  return issues;
}

/** The part of a session the request window rule needs. */
export interface WindowedSession {
  number: number;
  timeZone: string;
  requestWindow: { opensAt: string; closesAt: string };
}

const LOCALES: Record<Lang, string> = { es: 'es-419', en: 'en-US', pt: 'pt-BR', fr: 'fr-FR' };
/** An instant as a person reads it, in the session's time zone and the reader's language. */
export const formatInstant = (iso: string, timeZone: string, lang: Lang) =>
  new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso)) +
  ` (${timeZone})`;

/** The session's request window must be open at `now`; the error names the session and the date. */
export function windowError(session: WindowedSession, now: Date, lang: Lang): RuleBroken | undefined {
  const { opensAt, closesAt } = session.requestWindow;
  const at = now.getTime();
  if (at >= Date.parse(opensAt) && at < Date.parse(closesAt)) return undefined;
  const notYet = at < Date.parse(opensAt);
  const key = notYet ? 'hearing.windowNotOpen' : 'hearing.windowClosed';
  const params = { session: session.number, opensAt: formatInstant(opensAt, session.timeZone, lang), closesAt: formatInstant(closesAt, session.timeZone, lang) };
  return new RuleBroken(key, params, [{ path: 'sessionNumber', key, params }]);
}

// The status machine. Withdrawn and rejected are final; deferral is a passage that
// lands the request back in `submitted` in a later session.
const TRANSITIONS: Record<Status, readonly Status[]> = {
  submitted: ['accepted', 'rejected', 'deferred', 'withdrawn', 'info_requested'],
  // Asked for more information: the answer brings it back to `submitted`.
  info_requested: ['submitted', 'withdrawn'],
  deferred: ['submitted'],
  accepted: ['scheduled', 'withdrawn'],
  scheduled: ['scheduled', 'withdrawn'],
  rejected: [],
  withdrawn: [],
};
export const canTransition = (from: Status, to: Status) => TRANSITIONS[from].includes(to);

/** The owner may withdraw until the hearing is held. */
export function canWithdraw(request: Pick<HearingRequest, 'status' | 'slot'>, now: Date): boolean {
  if (!canTransition(request.status, 'withdrawn')) return false;
  return request.status !== 'scheduled' || !request.slot || Date.parse(request.slot.start) > now.getTime();
}

export const canEdit = (request: Pick<HearingRequest, 'status'>) => request.status === 'submitted';

export interface DecisionOutcome {
  status: Status;
  sessionNumber: number;
  entries: HistoryEntry[];
}

/** What a decision does to a request; throws when its status or the deferral target forbid it. */
export function decide(request: Pick<HearingRequest, 'status' | 'sessionNumber'>, body: DecisionBody, by: string, now: Date): DecisionOutcome {
  if (!canTransition(request.status, body.decision)) throw new Conflict('hearing.notDecidable', { status: request.status });
  const at = now.toISOString();
  if (body.decision !== 'deferred') {
    return { status: body.decision, sessionNumber: request.sessionNumber, entries: [{ at, status: body.decision, by, reason: body.reason }] };
  }
  if (body.deferTo === undefined) {
    throw new RuleBroken('error.validation', {}, [{ path: 'deferTo', key: 'rule.hearing.deferToRequired' }]);
  }
  if (body.deferTo <= request.sessionNumber) {
    throw new RuleBroken('error.validation', {}, [{ path: 'deferTo', key: 'rule.hearing.deferToLater', params: { session: request.sessionNumber } }]);
  }
  return {
    status: 'submitted',
    sessionNumber: body.deferTo,
    entries: [
      { at, status: 'deferred', by, reason: body.reason },
      { at, status: 'submitted', by, reason: `→ ${body.deferTo}` },
    ],
  };
}

/** Confidential participants' names, hidden from anyone but the owner and the secretariat. */
export function withoutConfidentialNames<T extends Pick<HearingRequest, 'participants'>>(request: T): T {
  return {
    ...request,
    participants: request.participants.map((p) => (p.confidential ? { role: p.role, confidential: true, name: '' } : p)),
  };
}

/** Who may see a request in full: its owner and the Executive Secretariat. */
export const seesEverything = (request: Pick<HearingRequest, 'ownerSub'>, viewer: { sub: string; roles: readonly string[] }) =>
  viewer.sub === request.ownerSub || viewer.roles.includes('secretariat');
