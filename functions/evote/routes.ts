// The HTTP contract of E-Vote (shared/API.md "E-Vote").
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { BallotInput, RecusalInput, VoidInput, VoteInput } from './ballot';

const byId = z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.evote.id') })) });
const both = ['commissioner', 'secretariat'] as const;

/** Paging of the list (issue 17): added, the response keeps `items` and adds `nextCursor`. */
export const ListQuery = z.object({
  limit: z._default(z.pipe(intParam, z.int().check(z.minimum(1, { message: rule('rule.evote.limit') }), z.maximum(100, { message: rule('rule.evote.limit') }))), 50),
  cursor: z.optional(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.evote.cursor') }))),
});

export const evoteRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/ballots',
    auth: ['secretariat'],
    summary: 'Create a ballot (draft); nationals of stateConcerned are recused (Art. 17)',
    body: BallotInput,
    responses: { 201: { description: 'Ballot (draft)' }, 422: { description: 'Field errors' } },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/ballots',
    auth: both,
    summary: 'Ballots, newest first (commissioners see open, closed and void ones); no choice before closing. Paged: limit (1–100, default 50) and the nextCursor of the previous page',
    query: ListQuery,
    responses: { 200: { description: '{ items: [Ballot], nextCursor? }' }, 422: { description: 'Bad limit or cursor' } },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/ballots/{id}',
    auth: both,
    summary: 'One ballot: votesCast and eligible before closing (plus the caller’s own vote), the result after',
    params: byId,
    responses: { 200: { description: 'Ballot' }, 404: { description: 'Unknown ballot' } },
  }),
  open: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/open',
    auth: ['secretariat'],
    summary: 'Open a draft ballot; it closes by itself at closesAt',
    params: byId,
    responses: { 200: { description: 'Ballot (open)' }, 409: { description: 'Not a draft' }, 422: { description: 'closesAt has passed' } },
  }),
  close: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/close',
    auth: ['secretariat'],
    summary: 'Close an open ballot and record its result: before closesAt only once every eligible member has voted',
    params: byId,
    responses: { 200: { description: 'Ballot (closed, with result)' }, 409: { description: 'Not open, or closesAt not reached while some eligible member has not voted' } },
  }),
  void: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/void',
    auth: ['secretariat'],
    summary: 'Void a draft or open ballot with a reason: it publishes nothing (no result, no counts)',
    params: byId,
    body: VoidInput,
    responses: { 200: { description: 'Ballot (void)' }, 409: { description: 'Already closed or void' } },
  }),
  recuse: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/recusals',
    auth: ['secretariat'],
    summary: 'Record a recusal with its reason (before the commissioner votes)',
    params: byId,
    body: RecusalInput,
    responses: { 201: { description: 'Ballot' }, 409: { description: 'Closed, already recused or already voted' } },
  }),
  vote: defineRoute({
    method: 'POST',
    path: '/api/ballots/{id}/votes',
    auth: ['commissioner'],
    summary: 'Cast the caller’s one, final vote; returns the receipt and its nonce',
    params: byId,
    body: VoteInput,
    responses: {
      201: { description: '{ ballotId, choice, receipt, nonce, castAt }' },
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
    responses: { 200: { description: '{ entries: [{ seq, at, type, data, prevHash, hash }], head }' }, 409: { description: 'Sealed while open' } },
  }),
} as const;
