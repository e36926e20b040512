// Lambda adapter for E-Vote: thin routes over the store and the rules.
import { clock } from '../shared/clock';
import { Conflict, NotFound } from '../shared/errors';
import { httpApi } from '../shared/http';
import { logger } from '../shared/logger';
import { budgetOf } from '../shared/retry';
import { countMetric } from '../shared/metrics';
import { implement, reply } from '../shared/route';
import { assertCanOpen, newBallot } from './ballot';
import { evoteRoutes as r } from './routes';
import { scheduleClose } from './schedule';
import { castVote, closeBallot, createBallot, getBallot, listBallots, myVote, myVotes, newBallotId, openBallot, participation, readAudit, recuse, voidBallot } from './store';
import { isSecretariat, viewOf } from './view';

const now = () => clock.now();

export const handler = httpApi([
  implement(r.create, async ({ body, principal }) => {
    const at = now();
    const ballot = await createBallot(newBallot(newBallotId(at), body, at));
    logger.info('ballot created', { ballotId: ballot.id, kind: ballot.kind });
    return reply(201, viewOf(ballot, principal));
  }),
  implement(r.list, async ({ query, principal, context }) => {
    // One Query for the page and one BatchGetItem for the caller's votes on it.
    const page = await listBallots({ limit: query.limit, cursor: query.cursor, includeDrafts: isSecretariat(principal) });
    const cid = principal.commissionerId;
    const voted = cid ? page.ballots.filter((b) => b.status !== 'draft') : [];
    const mine = cid && voted.length ? await myVotes(voted.map((b) => b.id), cid, { budget: budgetOf(context) }) : new Map();
    const items = page.ballots.map((b) => viewOf(b, principal, { myVote: mine.get(b.id) }));
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  implement(r.get, async ({ params, principal }) => {
    const ballot = await getBallot(params.id);
    if (ballot.status === 'draft' && !isSecretariat(principal)) throw new NotFound('evote.notFound', { id: params.id });
    const cid = principal.commissionerId;
    return viewOf(ballot, principal, {
      myVote: cid ? await myVote(ballot.id, cid) : undefined,
      // Who has voted: named ballots only. During a secret ballot the count, not who.
      participation: isSecretariat(principal) && ballot.kind === 'named' ? await participation(ballot.id) : undefined,
    });
  }),
  implement(r.open, async ({ params, principal, context }) => {
    const ballot = await getBallot(params.id);
    // Checked before the schedule is made (openBallot checks again, atomically).
    assertCanOpen(ballot, now());
    await scheduleClose(ballot.id, ballot.closesAt, now());
    const opened = await openBallot(params.id, now, { budget: budgetOf(context) });
    logger.info('ballot opened', { ballotId: opened.id });
    return viewOf(opened, principal);
  }),
  implement(r.close, async ({ params, principal, context }) => {
    const closed = await closeBallot(params.id, 'secretariat', now, { budget: budgetOf(context) });
    logger.info('ballot closed', { ballotId: closed.id, by: 'secretariat' });
    return viewOf(closed, principal);
  }),
  implement(r.void, async ({ params, body, principal, context }) => {
    const voided = await voidBallot(params.id, body.reason, now, { budget: budgetOf(context) });
    logger.info('ballot voided', { ballotId: voided.id });
    return viewOf(voided, principal);
  }),
  implement(r.recuse, async ({ params, body, principal, context }) => {
    const ballot = await recuse(params.id, body.commissionerId, body.reason, now, { budget: budgetOf(context) });
    logger.info('recusal recorded', { ballotId: ballot.id });
    return reply(201, viewOf(ballot, principal));
  }),
  implement(r.vote, async ({ params, body, principal, context }) => {
    const cast = await castVote(params.id, principal.commissionerId, body, now, { budget: budgetOf(context) });
    // Never the choice, the receipt or who: a log line must not link anyone to a vote.
    logger.info('vote accepted', { ballotId: cast.ballotId });
    countMetric('VoteCast');
    return reply(201, cast);
  }),
  implement(r.audit, async ({ params, principal }) => {
    const { ballot, head, entries } = await readAudit(params.id);
    if (ballot.status === 'draft' && !isSecretariat(principal)) throw new NotFound('evote.notFound', { id: params.id });
    if (ballot.status === 'open') throw new Conflict('evote.sealed');
    // A void ballot publishes nothing, nor does one without quorum (a named ballot's
    // chain holds each vote).
    if (ballot.status === 'void' || !ballot.result?.quorumMet) throw new Conflict('evote.sealedNoResult');
    return { ballotId: ballot.id, status: ballot.status, head, entries };
  }),
]);
