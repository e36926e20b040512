// What each caller may see of a ballot. Before closing nobody sees a choice: only
// votesCast and eligible, plus a commissioner's own vote (a secret ballot keeps no
// link from a commissioner to a choice, so there it is only the time of voting).
import * as z from 'zod/mini';
import type { Principal } from '../shared/auth';
import { type Ballot, CHOICES, eligibleIds, KINDS, MAJORITIES, OUTCOMES } from './ballot';
import type { MyVote } from './store';
import { lazySchema } from '../shared/lazy';

const choice = lazySchema(() => z.enum(CHOICES));
const ulid = lazySchema(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)));

export const ResultView = lazySchema(() => z.object({
  outcome: z.enum(OUTCOMES),
  yes: z.optional(z.int()),
  no: z.optional(z.int()),
  abstain: z.optional(z.int()),
  votesCast: z.int(),
  eligible: z.int(),
  quorumMet: z.boolean(),
  adopted: z.boolean(),
  votes: z.optional(z.array(z.object({ commissionerId: z.string(), choice, explanation: z.optional(z.string()) }))),
  receipts: z.optional(z.array(z.object({ receipt: z.string(), choice, explanation: z.optional(z.string()) }))),
}));

export const MyVoteView = lazySchema(() => z.object({ castAt: z.string(), choice: z.optional(choice), explanation: z.optional(z.string()), receipt: z.optional(z.string()) }));

/** A ballot as the API answers it (the only shape that leaves E-Vote; no remindedAt). */
export const BallotView = lazySchema(() => z.object({
  id: ulid,
  title: z.string(),
  question: z.string(),
  kind: z.enum(KINDS),
  stateConcerned: z.optional(z.string()),
  majority: z.enum(MAJORITIES),
  closesAt: z.string(),
  status: z.enum(['draft', 'open', 'closed', 'void']),
  createdAt: z.string(),
  openedAt: z.optional(z.string()),
  closedAt: z.optional(z.string()),
  closedBy: z.optional(z.enum(['secretariat', 'schedule'])),
  voidedAt: z.optional(z.string()),
  voidReason: z.optional(z.string()),
  /** The secretariat may close before closesAt: every eligible member has voted. */
  canCloseEarly: z.optional(z.boolean()),
  recusals: z.array(z.object({ commissionerId: z.string(), reason: z.string(), automatic: z.boolean() })),
  eligible: z.int(),
  eligibleIds: z.array(z.string()),
  votesCast: z.int(),
  recused: z.optional(z.object({ reason: z.string(), automatic: z.boolean() })),
  myVote: z.optional(MyVoteView),
  participation: z.optional(z.array(z.string())),
  result: z.optional(ResultView),
}));
export type BallotView = z.infer<typeof BallotView>;

export const BallotPageView = lazySchema(() => z.object({ items: z.array(BallotView), nextCursor: z.optional(ulid) }));
export type BallotPageView = z.infer<typeof BallotPageView>;

/** The receipt of a vote (POST /votes). */
export const CastVoteView = lazySchema(() => z.object({ ballotId: ulid, choice, receipt: z.string(), nonce: z.string(), castAt: z.string() }));
export type CastVoteView = z.infer<typeof CastVoteView>;

export const AuditView = lazySchema(() => z.object({
  ballotId: ulid,
  status: z.enum(['draft', 'open', 'closed', 'void']),
  head: z.object({ seq: z.int(), hash: z.string() }),
  entries: z.array(z.object({ seq: z.int(), at: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string() })),
}));
export type AuditView = z.infer<typeof AuditView>;

export const isSecretariat = (p: Principal) => p.roles.includes('secretariat');

export function viewOf(ballot: Ballot, viewer: Principal, extra: { myVote?: MyVote; participation?: string[] } = {}): BallotView {
  const mine = viewer.commissionerId;
  const eligible = eligibleIds(ballot);
  return {
    id: ballot.id,
    title: ballot.title,
    question: ballot.question,
    kind: ballot.kind,
    stateConcerned: ballot.stateConcerned,
    majority: ballot.majority,
    closesAt: ballot.closesAt,
    status: ballot.status,
    createdAt: ballot.createdAt,
    openedAt: ballot.openedAt,
    closedAt: ballot.closedAt,
    closedBy: ballot.closedBy,
    voidedAt: ballot.voidedAt,
    voidReason: ballot.voidReason,
    ...(isSecretariat(viewer) && ballot.status === 'open' ? { canCloseEarly: ballot.votesCast >= eligible.length } : {}),
    recusals: Object.entries(ballot.recusals).map(([commissionerId, r]) => ({ commissionerId, ...r })),
    eligible: eligible.length,
    eligibleIds: eligible,
    votesCast: ballot.votesCast,
    ...(mine && ballot.recusals[mine] ? { recused: ballot.recusals[mine] } : {}),
    ...(extra.myVote ? { myVote: extra.myVote } : {}),
    ...(extra.participation ? { participation: extra.participation } : {}),
    ...(ballot.status === 'closed' && ballot.result ? { result: ballot.result } : {}),
  };
}
