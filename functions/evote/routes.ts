// The HTTP contract of E-Vote (shared/API.md "E-Vote").
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { BallotInput, RecusalInput, VoidInput, VoteInput } from './ballot';
import { AuditView, BallotPageView, BallotView, CastVoteView } from './view';
import { lazySchema } from '../shared/lazy';

const byId = lazySchema(() => z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.evote.id') })) }));
const both = ['commissioner', 'secretariat'] as const;
const byResponseId = { id: '$response.body#/id' };
const ballotLinks = {
  ballot: { operation: 'GET /api/ballots/{id}', parameters: byResponseId },
  open: { operation: 'POST /api/ballots/{id}/open', parameters: byResponseId },
  vote: { operation: 'POST /api/ballots/{id}/votes', parameters: byResponseId },
  close: { operation: 'POST /api/ballots/{id}/close', parameters: byResponseId },
  audit: { operation: 'GET /api/ballots/{id}/audit', parameters: byResponseId },
} as const;

/** Paging of the list (issue 17): added, the response keeps `items` and adds `nextCursor`. */
export const ListQuery = lazySchema(() => z.object({
  limit: z._default(z.pipe(intParam, z.int().check(z.minimum(1, { message: rule('rule.evote.limit') }), z.maximum(100, { message: rule('rule.evote.limit') }))), 50),
  cursor: z.optional(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.evote.cursor') }))),
}));

export const evoteRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/ballots',
    auth: ['secretariat'],
    summary: 'Create a ballot (draft); nationals of stateConcerned are recused (Art. 17)',
    body: BallotInput,
    rules: ['closesAt is in the future'],
    responses: { 201: { description: 'Ballot (draft)', schema: BallotView, links: ballotLinks }, 422: { description: 'Field errors' } },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/ballots',
    auth: both,
    summary: 'Ballots, newest first (commissioners see open, closed and void ones); no choice before closing. Paged: limit (1–100, default 50) and the nextCursor of the previous page',
    query: ListQuery,
    responses: {
      200: { description: '{ items: [Ballot], nextCursor? }', schema: BallotPageView, links: { next: { operation: 'GET /api/ballots', parameters: { cursor: '$response.body#/nextCursor' } } } },
      422: { description: 'Bad limit or cursor' },
    },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/ballots/{id}',
    auth: both,
    summary: 'One ballot: votesCast and eligible before closing (plus the caller’s own vote), the result after',
    params: byId,
    responses: { 200: { description: 'Ballot', schema: BallotView, links: ballotLinks }, 404: { description: 'Unknown ballot (a draft, for a commissioner)' } },
  }),
  open: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/open',
    auth: ['secretariat'],
    summary: 'Open a draft ballot; it closes by itself at closesAt',
    params: byId,
    rules: ['only a draft opens', 'closesAt has not passed'],
    responses: { 200: { description: 'Ballot (open)', schema: BallotView, links: ballotLinks }, 404: { description: 'Unknown ballot' }, 409: { description: 'Not a draft' }, 422: { description: 'closesAt has passed' } },
  }),
  close: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/close',
    auth: ['secretariat'],
    summary: 'Close an open ballot and record its result: before closesAt only once every eligible member has voted',
    params: byId,
    rules: ['only an open ballot closes', 'before closesAt only when every eligible member has voted'],
    responses: { 200: { description: 'Ballot (closed, with result)', schema: BallotView, links: ballotLinks }, 404: { description: 'Unknown ballot' }, 409: { description: 'Not open, or closesAt not reached while some eligible member has not voted' } },
  }),
  void: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/void',
    auth: ['secretariat'],
    summary: 'Void a draft or open ballot with a reason: it publishes nothing (no result, no counts)',
    params: byId,
    body: VoidInput,
    responses: { 200: { description: 'Ballot (void)', schema: BallotView }, 404: { description: 'Unknown ballot' }, 409: { description: 'Already closed or void' } },
  }),
  recuse: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/recusals',
    auth: ['secretariat'],
    summary: 'Record a recusal with its reason (before the commissioner votes)',
    params: byId,
    body: RecusalInput,
    rules: ['the commissioner has not voted', 'the ballot is not closed or void'],
    responses: { 201: { description: 'Ballot', schema: BallotView }, 404: { description: 'Unknown ballot' }, 409: { description: 'Closed, already recused or already voted' } },
  }),
  vote: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/votes',
    auth: ['commissioner'],
    summary: 'Cast the caller’s one, final vote; returns the receipt and its nonce',
    rules: ['one vote per commissioner, final', 'the ballot is open and closesAt not reached', 'a recused commissioner cannot vote (403)'],
    params: byId,
    body: VoteInput,
    responses: {
      201: { description: '{ ballotId, choice, receipt, nonce, castAt }', schema: CastVoteView, links: { ballot: { operation: 'GET /api/ballots/{id}', parameters: { id: '$response.body#/ballotId' } } } },
      404: { description: 'Unknown ballot' },
      403: { description: 'Recused (with the reason) or not a commissioner' },
      409: { description: 'Already voted, or the ballot is not open / past closesAt' },
    },
  }),
  audit: defineRoute({
    method: 'GET',
    path: '/api/ballots/{id}/audit',
    auth: both,
    summary: 'The audit hash chain; sealed (409) while the ballot is open, and for a void ballot or one closed without quorum',
    params: byId,
    responses: { 200: { description: '{ ballotId, status, head, entries: [{ seq, at, type, data, prevHash, hash }] }', schema: AuditView }, 404: { description: 'Unknown ballot' }, 409: { description: 'Sealed while open' } },
  }),
} as const;
