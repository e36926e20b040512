// E-Vote ballots: the schemas, eligibility (Rules Art. 17 and recorded recusals), the
// state rules of draft → open → closed (or void), and the result at closing. Pure
// functions over plain data; time comes in as `now`.
// Secrecy rules (issue 13): a ballot closes before its deadline only once every eligible
// member has voted (an early close after one vote would publish that vote); a ballot
// that ends without quorum publishes the turnout and "no quorum", never per-choice
// counts; a void ballot publishes nothing.
import * as z from 'zod/mini';
import { COMMISSIONERS, MEMBERS, commissioner, nationalsOf } from '../shared/commissioners';
import { Conflict, Forbidden, RuleBroken } from '../shared/errors';
import { isOasState } from '../shared/states';
import { instant, rule, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

export const CHOICES = ['yes', 'no', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const KINDS = ['named', 'secret'] as const;
export type Kind = (typeof KINDS)[number];
export const MAJORITIES = ['absolute_members', 'majority_present'] as const;
export type Majority = (typeof MAJORITIES)[number];
export type Status = 'draft' | 'open' | 'closed' | 'void';
export const OUTCOMES = ['adopted', 'rejected', 'no_quorum'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Quorum: an absolute majority of the seven members (4); abstentions count. */
export const QUORUM = Math.floor(MEMBERS / 2) + 1;

export const BallotInput = lazySchema(() => z.object({
  title: trimmed(200),
  question: trimmed(4000),
  kind: z.enum(KINDS),
  stateConcerned: z.optional(
    z.pipe(
      z.string().check(z.refine((v) => isOasState(v.toUpperCase()), { message: rule('rule.evote.state') })),
      z.transform((v) => v.toUpperCase()),
    ),
  ),
  majority: z.enum(MAJORITIES),
  closesAt: instant,
}));
export type BallotInput = z.infer<typeof BallotInput>;

export const RecusalInput = lazySchema(() => z.object({
  commissionerId: z.string().check(z.refine((v) => !!commissioner(v), { message: rule('rule.evote.commissioner') })),
  reason: trimmed(1000),
}));
export const VoteInput = lazySchema(() => z.object({
  choice: z.enum(CHOICES),
  explanation: z.optional(trimmed(4000)),
}));
export type VoteInput = z.infer<typeof VoteInput>;
export const VoidInput = lazySchema(() => z.object({ reason: trimmed(1000) }));
export type VoidInput = z.infer<typeof VoidInput>;

export interface Recusal {
  reason: string;
  /** True for Art. 17 (national of the State concerned). */
  automatic: boolean;
}

export interface Result {
  /** Added in issue 13: 'no_quorum' publishes the turnout only. */
  outcome: Outcome;
  /** Per-choice counts: only when quorum was met (absent for 'no_quorum'). */
  yes?: number;
  no?: number;
  abstain?: number;
  votesCast: number;
  /** Eligible members at closing: with votesCast, the turnout. */
  eligible: number;
  quorumMet: boolean;
  adopted: boolean;
  /** Named ballots: each commissioner's vote. */
  votes?: { commissionerId: string; choice: Choice; explanation?: string }[];
  /** Secret ballots: the receipts with their choices, sorted by receipt (no order of casting). */
  receipts?: { receipt: string; choice: Choice; explanation?: string }[];
}

export interface Ballot {
  id: string;
  title: string;
  question: string;
  kind: Kind;
  stateConcerned?: string;
  majority: Majority;
  closesAt: string;
  status: Status;
  createdAt: string;
  openedAt?: string;
  closedAt?: string;
  closedBy?: 'secretariat' | 'schedule';
  voidedAt?: string;
  voidReason?: string;
  /** When the one-day reminder went out (at most once). */
  remindedAt?: string;
  recusals: Record<string, Recusal>;
  votesCast: number;
  result?: Result;
}

/** A new draft ballot; nationals of the State concerned are recused (Art. 17). */
export function newBallot(id: string, input: BallotInput, now: Date): Ballot {
  const closesAt = new Date(input.closesAt).toISOString();
  if (Date.parse(closesAt) <= now.getTime()) {
    throw new RuleBroken('error.validation', {}, [{ path: 'closesAt', key: 'rule.evote.closesInPast' }]);
  }
  const recusals: Record<string, Recusal> = {};
  if (input.stateConcerned) {
    for (const c of nationalsOf(input.stateConcerned)) recusals[c.id] = { reason: `art17:${input.stateConcerned}`, automatic: true };
  }
  return {
    id,
    title: input.title,
    question: input.question,
    kind: input.kind,
    ...(input.stateConcerned ? { stateConcerned: input.stateConcerned } : {}),
    majority: input.majority,
    closesAt,
    status: 'draft',
    createdAt: now.toISOString(),
    recusals,
    votesCast: 0,
  };
}

export const eligibleIds = (ballot: Pick<Ballot, 'recusals'>) => COMMISSIONERS.map((c) => c.id).filter((id) => !ballot.recusals[id]);

export function assertCanOpen(ballot: Ballot, now: Date) {
  if (ballot.status !== 'draft') throw new Conflict('evote.notDraft', { status: ballot.status });
  if (Date.parse(ballot.closesAt) <= now.getTime()) throw new RuleBroken('evote.closesInPast', { closesAt: ballot.closesAt });
}

export function assertCanRecuse(ballot: Ballot, commissionerId: string) {
  if (ballot.status === 'closed') throw new Conflict('evote.closed');
  if (ballot.status === 'void') throw new Conflict('evote.void');
  // Once a secret ballot is open, "recuse X" answers "X has already voted" or not: a
  // probe of who voted. Its recusals are recorded while it is a draft.
  if (ballot.kind === 'secret' && ballot.status !== 'draft') throw new Conflict('evote.recuseSecretOpen');
  if (ballot.recusals[commissionerId]) throw new Conflict('evote.alreadyRecused', { commissionerId });
}

/**
 * Who may vote now: a seated commissioner, not recused, on an open ballot before
 * closesAt. A vote after closesAt is refused even if the close has not run yet.
 */
export function assertCanVote(ballot: Ballot, commissionerId: string | undefined, now: Date) {
  if (!commissionerId || !commissioner(commissionerId)) throw new Forbidden('evote.notCommissioner');
  const recusal = ballot.recusals[commissionerId];
  if (recusal) throw recusedError(recusal);
  if (ballot.status !== 'open') throw new Conflict('evote.notOpen', { status: ballot.status });
  if (now.getTime() >= Date.parse(ballot.closesAt)) throw new Conflict('evote.deadlinePassed', { closesAt: ballot.closesAt });
}

export function recusedError(recusal: Recusal) {
  return recusal.automatic
    ? new Forbidden('evote.recusedArt17', { state: recusal.reason.replace(/^art17:/, '') })
    : new Forbidden('evote.recused', { reason: recusal.reason });
}

/**
 * Who may close now. The secretariat: an open ballot whose deadline has come, or before
 * it only once every eligible member has voted (an early close after a few votes would
 * publish them). The schedule: an open ballot whose deadline has come; anything else is
 * a no-op ('skip').
 */
export function closeDecision(ballot: Ballot, by: 'secretariat' | 'schedule', now: Date): 'close' | 'skip' {
  const due = now.getTime() >= Date.parse(ballot.closesAt);
  if (by === 'schedule') return ballot.status === 'open' && due ? 'close' : 'skip';
  if (ballot.status === 'closed') throw new Conflict('evote.closed');
  if (ballot.status === 'void') throw new Conflict('evote.void');
  if (ballot.status !== 'open') throw new Conflict('evote.notOpen', { status: ballot.status });
  const eligible = eligibleIds(ballot).length;
  if (!due && ballot.votesCast < eligible) throw new Conflict('evote.closeEarly', { votesCast: ballot.votesCast, eligible, closesAt: ballot.closesAt });
  return 'close';
}

/** A draft or open ballot may be voided (with a reason); it then publishes nothing. */
export function assertCanVoid(ballot: Ballot) {
  if (ballot.status === 'closed') throw new Conflict('evote.closed');
  if (ballot.status === 'void') throw new Conflict('evote.void');
}

/**
 * The published result. Without quorum: the turnout and 'no_quorum' only, never counts
 * or votes (with few votes, counts are the voters' choices). With quorum: the counts.
 */
export function resultOf(majority: Majority, choices: readonly Choice[], eligible: number): Omit<Result, 'votes' | 'receipts'> {
  const counted = tally(majority, choices);
  if (!counted.quorumMet) return { outcome: 'no_quorum', votesCast: counted.votesCast, eligible, quorumMet: false, adopted: false };
  return { outcome: counted.adopted ? 'adopted' : 'rejected', ...counted, eligible };
}

/** The counts at closing. Pure: the same votes always give the same result. */
export function tally(majority: Majority, choices: readonly Choice[]): { yes: number; no: number; abstain: number; votesCast: number; quorumMet: boolean; adopted: boolean } {
  const yes = choices.filter((c) => c === 'yes').length;
  const no = choices.filter((c) => c === 'no').length;
  const abstain = choices.filter((c) => c === 'abstain').length;
  const votesCast = choices.length;
  const quorumMet = votesCast >= QUORUM;
  const adopted = majority === 'absolute_members' ? yes >= QUORUM : quorumMet && yes > no;
  return { yes, no, abstain, votesCast, quorumMet, adopted };
}
