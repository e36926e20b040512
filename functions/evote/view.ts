// What each caller may see of a ballot. Before closing nobody sees a choice: only
// votesCast and eligible, plus a commissioner's own vote (a secret ballot keeps no
// link from a commissioner to a choice, so there it is only the time of voting).
import type { Principal } from '../shared/auth';
import { type Ballot, eligibleIds } from './ballot';
import type { MyVote } from './store';

export interface BallotView {
  id: string;
  title: string;
  question: string;
  kind: Ballot['kind'];
  stateConcerned?: string;
  majority: Ballot['majority'];
  closesAt: string;
  status: Ballot['status'];
  createdAt: string;
  openedAt?: string;
  closedAt?: string;
  closedBy?: Ballot['closedBy'];
  voidedAt?: string;
  voidReason?: string;
  /** The secretariat may close before closesAt: every eligible member has voted. */
  canCloseEarly?: boolean;
  recusals: { commissionerId: string; reason: string; automatic: boolean }[];
  eligible: number;
  eligibleIds: string[];
  votesCast: number;
  recused?: { reason: string; automatic: boolean };
  myVote?: MyVote;
  participation?: string[];
  result?: Ballot['result'];
}

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
