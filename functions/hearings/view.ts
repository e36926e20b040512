// What leaves the hearings context: a request as its viewer may see it (confidential
// names hidden from others), without the internals of storage (ownerSub, version).
// The zod schema is the contract in the OpenAPI document and the frontend's type.
import * as z from 'zod/mini';
import { LANGS } from '../shared/messages';
import { DECISIONS, type HearingRequest, KINDS, MATTER_TYPES, PARTICIPANT_ROLES, seesEverything, STATUSES, withoutConfidentialNames } from './request';
import { lazySchema } from '../shared/lazy';

const status = lazySchema(() => z.enum(STATUSES));

export const HearingRequestView = lazySchema(() => z.object({
  id: z.string(),
  status,
  sessionNumber: z.int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  kind: z.enum(KINDS),
  states: z.array(z.string()),
  matter: z.optional(z.object({ type: z.enum(MATTER_TYPES), number: z.string() })),
  title: z.string(),
  objective: z.string(),
  basis: z.string(),
  participants: z.array(z.object({ name: z.string(), organization: z.optional(z.string()), role: z.enum(PARTICIPANT_ROLES), confidential: z.boolean() })),
  languages: z.array(z.enum(LANGS)),
  private: z.boolean(),
  privateReason: z.optional(z.string()),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
  observations: z.optional(z.string()),
  unavailableDates: z.optional(z.array(z.string())),
  language: z.enum(LANGS),
  /** The viewer submitted it (instead of the owner's subject, which stays inside). */
  mine: z.boolean(),
  history: z.array(z.object({ at: z.string(), status, by: z.string(), byOwner: z.boolean(), reason: z.optional(z.string()) })),
  slot: z.optional(z.object({ start: z.string(), end: z.string(), room: z.string() })),
  /** Secretariat only: a decision recorded and not yet released to the applicant (who still sees `submitted`). */
  heldDecision: z.optional(z.object({ decision: z.enum(DECISIONS), reason: z.string(), from: z.int(), at: z.string() })),
  /** Questions of the secretariat and the applicant's answers (owner and secretariat). */
  questions: z.optional(z.array(z.object({ question: z.string(), askedAt: z.string(), answer: z.optional(z.string()), answeredAt: z.optional(z.string()) }))),
  /** Secretariat only: who reviews it. */
  assignment: z.optional(z.object({ to: z.string(), kind: z.enum(['rapporteurship', 'member']), at: z.string() })),
  /** Secretariat only: the reviewers' scores (1–5). */
  score: z.optional(z.object({ average: z.number(), count: z.int(), mine: z.optional(z.int()) })),
}));
export type HearingRequestView = z.infer<typeof HearingRequestView>;

export const HearingRequestPage = lazySchema(() => z.object({ items: z.array(HearingRequestView), nextCursor: z.optional(z.string()) }));
export type HearingRequestPage = z.infer<typeof HearingRequestPage>;

type Viewer = { sub: string; roles: readonly string[] };
const isSecretariat = (viewer: Viewer) => viewer.roles.includes('secretariat');

/**
 * The request as its applicant knows it while a decision is held (issue 15): still
 * `submitted` in the Period it was decided in, the history up to the decision, no slot.
 */
export function asApplicantSees(request: HearingRequest): HearingRequest {
  const { held } = request;
  if (!held) return request;
  const { slot: _slot, ...rest } = request;
  return { ...rest, status: 'submitted', sessionNumber: held.from, history: request.history.slice(0, held.historyLength) };
}

/** What a viewer may see of a request: all of it for its owner and the secretariat. */
export function viewOf(request: HearingRequest, viewer: Viewer): HearingRequestView {
  const secretariat = isSecretariat(viewer);
  const seen = secretariat ? request : asApplicantSees(request);
  const { ownerSub, version: _version, held, info, assignment, scores, ...rest } = seesEverything(seen, viewer) ? seen : withoutConfidentialNames(seen);
  const view: HearingRequestView = { ...rest, mine: ownerSub === viewer.sub, history: rest.history.map((e) => ({ ...e, byOwner: e.by === ownerSub })) };
  if (info?.length && seesEverything(seen, viewer)) view.questions = info.map(({ question, askedAt, answer, answeredAt }) => ({ question, askedAt, answer, answeredAt }));
  if (secretariat) {
    if (held) view.heldDecision = { decision: held.decision, reason: held.reason, from: held.from, at: held.at };
    if (assignment) view.assignment = { to: assignment.to, kind: assignment.kind, at: assignment.at };
    const values = Object.values(scores ?? {});
    if (values.length) view.score = { average: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100, count: values.length, mine: scores?.[viewer.sub] };
  }
  return view;
}
