// The HTTP contract of hearing requests (shared/API.md, "Hearing requests").
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { DraftBody, DraftPage, DraftUpdateBody, DraftView } from './draft';
import { DecisionBody, EditBody, RequestBody, STATUSES, WithdrawBody } from './request';
import { HearingRequestPage, HearingRequestView } from './view';
import { lazySchema } from '../shared/lazy';

const byId = lazySchema(() => z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.hearing.id') })) }));

export const ListQuery = lazySchema(() => z.object({
  sessionNumber: z.optional(intParam),
  status: z.optional(z.enum(STATUSES)),
  state: z.optional(z.string().check(z.regex(/^[A-Za-z]{2}$/), z.toUpperCase())),
  limit: z._default(z.pipe(intParam, z.int().check(z.minimum(1), z.maximum(100))), 20),
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
}));

const byResponseId = { id: '$response.body#/id' };
const requestLinks = {
  request: { operation: 'GET /api/hearing-requests/{id}', parameters: byResponseId },
  edit: { operation: 'PATCH /api/hearing-requests/{id}', parameters: byResponseId },
  withdraw: { operation: 'POST /api/hearing-requests/{id}/withdraw', parameters: byResponseId },
  decide: { operation: 'POST /api/hearing-requests/{id}/decision', parameters: byResponseId },
} as const;
const View = { schema: HearingRequestView, links: requestLinks };
const formRules = [
  'the session exists and its request window is open',
  'objective at most 25 words, basis at most 75',
  '1 to 10 participants, 1 or more OAS member States (ISO codes)',
  'matter required for case, precautionary_measure, follow_up and working_meeting',
  'privateReason required when private (working meetings are always private)',
];

const byDraftId = lazySchema(() => z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.hearing.id') })) }));
const draftLinks = {
  draft: { operation: 'GET /api/hearing-request-drafts/{id}', parameters: byResponseId },
  save: { operation: 'PUT /api/hearing-request-drafts/{id}', parameters: byResponseId },
  submit: { operation: 'POST /api/hearing-request-drafts/{id}/submit', parameters: byResponseId },
} as const;

const applicantOrSecretariat = ['applicant', 'secretariat'] as const;

export const hearingRoutes = {
  submit: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests',
    auth: ['applicant'],
    summary: 'Submit a hearing request (Idempotency-Key: a retry returns the first response)',
    body: RequestBody,
    rules: formRules,
    headers: ['Idempotency-Key'],
    responses: {
      201: { description: 'HearingRequest', ...View },
      409: { description: 'Idempotency-Key reused for a different body' },
      422: { description: 'Window closed or field errors (each naming its field)' },
    },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/hearing-requests',
    auth: applicantOrSecretariat,
    summary: "Hearing requests, newest first: an applicant's own; the secretariat's filtered by session, status, State",
    query: ListQuery,
    responses: { 200: { description: '{ items: [HearingRequest], nextCursor? }', schema: HearingRequestPage, links: { next: { operation: 'GET /api/hearing-requests', parameters: { cursor: '$response.body#/nextCursor' } } } }, 422: { description: 'Bad filter or cursor' } },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/hearing-requests/{id}',
    auth: applicantOrSecretariat,
    summary: 'One hearing request (its owner or the secretariat)',
    params: byId,
    responses: { 200: { description: 'HearingRequest', ...View }, 403: { description: 'Not the owner' }, 404: { description: 'Unknown id' } },
  }),
  edit: defineRoute({
    method: 'PATCH',
    path: '/api/hearing-requests/{id}',
    auth: ['applicant'],
    summary: 'Change a submitted request while the window is open (owner)',
    params: byId,
    body: EditBody,
    rules: ['only while submitted and the window is open', ...formRules.slice(1)],
    responses: {
      200: { description: 'HearingRequest', ...View },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown id' },
      409: { description: 'No longer submitted, or changed meanwhile' },
      422: { description: 'Window closed or field errors' },
    },
  }),
  withdraw: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/withdraw',
    auth: ['applicant'],
    summary: 'Withdraw a request until the hearing is held (owner)',
    params: byId,
    body: WithdrawBody,
    responses: { 200: { description: 'HearingRequest', ...View }, 403: { description: 'Not the owner' }, 404: { description: 'Unknown id' }, 409: { description: 'Already final' } },
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/decision',
    auth: ['secretariat'],
    summary: 'Accept, reject or defer (to a later session, back to submitted there) a submitted request',
    params: byId,
    body: DecisionBody,
    rules: ['only a submitted request is decided', 'reason required', 'deferTo required for deferred: a later existing session'],
    responses: {
      200: { description: 'HearingRequest', ...View },
      404: { description: 'Unknown id' },
      409: { description: 'Not submitted any more (decided, withdrawn, or a racing decision)' },
      422: { description: 'Field errors (reason, deferTo)' },
    },
  }),
  // Drafts (issue 15): under a path of their own, so no route is shadowed by /{id}.
  createDraft: defineRoute({
    method: 'POST',
    path: '/api/hearing-request-drafts',
    auth: ['applicant'],
    summary: 'Save a new draft of a hearing request (checked for types and lengths only; seen by its owner alone, never counted)',
    body: DraftBody,
    rules: ['at most 100 open drafts per applicant (422 naming `drafts`)'],
    responses: { 201: { description: 'Draft', schema: DraftView, links: draftLinks }, 422: { description: 'A field of the wrong type or too long, or 100 open drafts already' } },
  }),
  listDrafts: defineRoute({
    method: 'GET',
    path: '/api/hearing-request-drafts',
    auth: ['applicant'],
    summary: "The caller's open drafts, newest first",
    responses: { 200: { description: '{ items: [Draft] }', schema: DraftPage } },
  }),
  getDraft: defineRoute({
    method: 'GET',
    path: '/api/hearing-request-drafts/{id}',
    auth: ['applicant'],
    summary: 'One open draft (its owner)',
    params: byDraftId,
    responses: { 200: { description: 'Draft', schema: DraftView }, 403: { description: 'Not the owner' }, 404: { description: 'Unknown id' }, 409: { description: 'Already submitted (names the request)' } },
  }),
  saveDraft: defineRoute({
    method: 'PUT',
    path: '/api/hearing-request-drafts/{id}',
    auth: ['applicant'],
    summary: 'Replace a draft with what the form holds now (owner); with `version`, only if not saved elsewhere since',
    params: byDraftId,
    body: DraftUpdateBody,
    responses: {
      200: { description: 'Draft', schema: DraftView },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown id' },
      409: { description: 'Saved meanwhile at another version, or already submitted' },
      422: { description: 'A field of the wrong type or too long' },
    },
  }),
  deleteDraft: defineRoute({
    method: 'DELETE',
    path: '/api/hearing-request-drafts/{id}',
    auth: ['applicant'],
    summary: 'Discard a draft (owner)',
    params: byDraftId,
    responses: { 200: { description: '{ id, discarded: true }', schema: lazySchema(() => z.object({ id: z.string(), discarded: z.literal(true) })) }, 403: { description: 'Not the owner' }, 404: { description: 'Unknown id' }, 409: { description: 'Already submitted' } },
  }),
  submitDraft: defineRoute({
    method: 'POST',
    path: '/api/hearing-request-drafts/{id}/submit',
    auth: ['applicant'],
    summary: 'Submit a complete draft as a hearing request (owner): every rule of POST /api/hearing-requests, all broken ones at once; a repeat answers with the same request',
    params: byDraftId,
    rules: formRules,
    responses: {
      201: { description: 'HearingRequest (the draft leaves the list)', ...View },
      403: { description: 'Not the owner' },
      404: { description: 'Unknown id' },
      409: { description: 'Changed meanwhile' },
      422: { description: 'Window closed or field errors (every one, each naming its field)' },
    },
  }),
} as const;
