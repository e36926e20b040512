// Lambda adapter for E-Vote: thin routes over the store and the rules.
import { clock } from '../shared/clock';
import { Conflict, NotFound } from '../shared/errors';
import { httpApi } from '../shared/http';
import { logger } from '../shared/logger';
import { countMetric } from '../shared/metrics';
import { implement, reply } from '../shared/route';
import { assertCanOpen, newBallot } from './ballot';
import { evoteRoutes as r } from './routes';
import { scheduleClose } from './schedule';
import { castVote, closeBallot, createBallot, getBallot, listBallots, myVote, newBallotId, openBallot, participation, readAudit, recuse } from './store';
import { isSecretariat, viewOf } from './view';

const now = () => clock.now();

export const handler = httpApi([
  implement(r.create, async ({ body, principal }) => {
    const at = now();
    const ballot = await createBallot(newBallot(newBallotId(at), body, at));
    logger.info('ballot created', { ballotId: ballot.id, kind: ballot.kind });
    return reply(201, viewOf(ballot, principal));
  }),
  implement(r.list, async ({ principal }) => {
    const all = await listBallots();
    const visible = isSecretariat(principal) ? all : all.filter((b) => b.status !== 'draft');
    const cid = principal.commissionerId;
    const items = await Promise.all(
      visible.map(async (b) => viewOf(b, principal, { myVote: cid && b.status !== 'draft' ? await myVote(b.id, cid) : undefined })),
    );
    return { items };
  }),
  implement(r.get, async ({ params, principal }) => {
    const ballot = await getBallot(params.id);
    if (ballot.status === 'draft' && !isSecretariat(principal)) throw new NotFound('evote.notFound', { id: params.id });
    const cid = principal.commissionerId;
    return viewOf(ballot, principal, {
      myVote: cid ? await myVote(ballot.id, cid) : undefined,
      participation: isSecretariat(principal) ? await participation(ballot.id) : undefined,
    });
  }),
  implement(r.open, async ({ params, principal }) => {
    const ballot = await getBallot(params.id);
    // Checked before the schedule is made (openBallot checks again, atomically).
    assertCanOpen(ballot, now());
    await scheduleClose(ballot.id, ballot.closesAt);
    const opened = await openBallot(params.id, now);
    logger.info('ballot opened', { ballotId: opened.id });
    return viewOf(opened, principal);
  }),
  implement(r.close, async ({ params, principal }) => {
    const closed = await closeBallot(params.id, 'secretariat', now);
    logger.info('ballot closed', { ballotId: closed.id, by: 'secretariat' });
    return viewOf(closed, principal);
  }),
  implement(r.recuse, async ({ params, body, principal }) => {
    const ballot = await recuse(params.id, body.commissionerId, body.reason, now);
    logger.info('recusal recorded', { ballotId: ballot.id });
    return reply(201, viewOf(ballot, principal));
  }),
  implement(r.vote, async ({ params, body, principal }) => {
    const cast = await castVote(params.id, principal.commissionerId, body, now);
    // Never the choice, the receipt or who: a log line must not link anyone to a vote.
    logger.info('vote accepted', { ballotId: cast.ballotId });
    countMetric('VoteCast');
    return reply(201, cast);
  }),
  implement(r.audit, async ({ params, principal }) => {
    const { ballot, head, entries } = await readAudit(params.id);
    if (ballot.status === 'draft' && !isSecretariat(principal)) throw new NotFound('evote.notFound', { id: params.id });
    if (ballot.status === 'open') throw new Conflict('evote.sealed');
    return { ballotId: ballot.id, status: ballot.status, head, entries };
  }),
]);
