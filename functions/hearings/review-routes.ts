// The HTTP contract of the secretariat's review (issue 15): questions and answers,
// assignment, scores, internal notes, held decisions and their release, notice templates,
// exports and statistics. Served by the hearings function with the request routes.
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { AnswerBody, AssignmentBody, NoteBody, QuestionBody, ScoreBody } from './review-input';
import { TemplateBody, TemplateParams } from './templates';
import { DECISIONS } from './request';
import { HearingRequestView } from './view';
import { LANGS } from '../shared/messages';
import { lazySchema } from '../shared/lazy';

const byId = lazySchema(() => z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.hearing.id') })) }));
const bySession = lazySchema(() => z.object({ number: intParam }));
const View = { description: 'HearingRequest', schema: HearingRequestView };
const unknown = { 404: { description: 'Unknown request' } };

const NoteView = lazySchema(() => z.object({ id: z.string(), text: z.string(), shared: z.boolean(), at: z.string(), byEmail: z.string(), mine: z.boolean() }));
const TemplateView = lazySchema(() => z.object({
  kind: z.string(),
  lang: z.enum(LANGS),
  subject: z.string(),
  text: z.string(),
  custom: z.boolean(),
  placeholders: z.array(z.string()),
  updatedAt: z.optional(z.string()),
}));
const Counts = lazySchema(() => z.record(z.string(), z.int()));

export const reviewRoutes = {
  ask: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/questions',
    auth: ['secretariat'],
    summary: 'Ask the applicant for more information: submitted → info_requested; the question is mailed at once',
    params: byId,
    body: QuestionBody,
    responses: { 200: View, ...unknown, 409: { description: 'Not submitted, or a decision is held' }, 422: { description: 'Empty question' } },
  }),
  answer: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/answer',
    auth: ['applicant'],
    summary: "Answer the secretariat's question (owner): info_requested → submitted; the answer is mailed to whoever asked",
    params: byId,
    body: AnswerBody,
    responses: { 200: View, 403: { description: 'Not the owner' }, ...unknown, 409: { description: 'No question waits for an answer' }, 422: { description: 'Empty answer' } },
  }),
  assign: defineRoute({
    method: 'PUT',
    path: '/api/hearing-requests/{id}/assignment',
    auth: ['secretariat'],
    summary: 'Assign the review to a rapporteurship (thematic code or country-<iso>) or a member of the secretariat (email)',
    params: byId,
    body: AssignmentBody,
    responses: { 200: View, ...unknown, 409: { description: 'Changed meanwhile' }, 422: { description: 'Unknown rapporteurship or not an email' } },
  }),
  score: defineRoute({
    method: 'PUT',
    path: '/api/hearing-requests/{id}/score',
    auth: ['secretariat'],
    summary: "The caller's score of the request (1–5); the view shows the average to the secretariat",
    params: byId,
    body: ScoreBody,
    responses: { 200: View, ...unknown, 409: { description: 'Changed meanwhile' }, 422: { description: 'Score out of 1–5' } },
  }),
  addNote: defineRoute({
    method: 'POST',
    path: '/api/hearing-requests/{id}/notes',
    auth: ['secretariat'],
    summary: 'An internal note: the secretariat only, or shared with the commissioners; never the applicant',
    params: byId,
    body: NoteBody,
    responses: { 201: { description: 'Note', schema: NoteView }, ...unknown, 422: { description: 'Empty note' } },
  }),
  notes: defineRoute({
    method: 'GET',
    path: '/api/hearing-requests/{id}/notes',
    auth: ['secretariat', 'commissioner'],
    summary: 'Internal notes, oldest first (a commissioner reads only those shared, and none of a request concerning the State of their nationality)',
    params: byId,
    responses: {
      200: { description: '{ items: [Note] }', schema: lazySchema(() => z.object({ items: z.array(NoteView) })) },
      403: { description: 'A commissioner who is a national of a State concerned (Art. 17)' },
      ...unknown,
    },
  }),
  undoDecision: defineRoute({
    method: 'DELETE',
    path: '/api/hearing-requests/{id}/decision',
    auth: ['secretariat'],
    summary: 'Undo a decision not yet released: the request is submitted in its Period again',
    params: byId,
    responses: { 200: View, ...unknown, 409: { description: 'No held decision (released, or none)' } },
  }),
  releasePreview: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/decisions',
    auth: ['secretariat'],
    summary: "The Period's held decisions and the message each applicant will receive when they are released",
    params: bySession,
    responses: {
      200: {
        description: '{ items: [{ requestId, title, decision, language, subject, text }] }',
        schema: lazySchema(() => z.object({
          items: z.array(z.object({ requestId: z.string(), title: z.string(), decision: z.enum(DECISIONS), language: z.enum(LANGS), subject: z.string(), text: z.string() })),
        })),
      },
    },
  }),
  release: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/decisions/release',
    auth: ['secretariat'],
    summary: "Release the Period's held decisions: each applicant then sees the decision and gets its notice, all in one go (repeatable: nothing is sent twice)",
    params: bySession,
    responses: { 200: { description: '{ released, remaining }', schema: lazySchema(() => z.object({ released: z.int(), remaining: z.int() })) } },
  }),
  templates: defineRoute({
    method: 'GET',
    path: '/api/notice-templates',
    auth: ['secretariat'],
    summary: 'The notice texts per kind and language: the saved template or the built-in text, with the placeholders each kind fills',
    responses: { 200: { description: '{ items: [Template] }', schema: lazySchema(() => z.object({ items: z.array(TemplateView) })) } },
  }),
  saveTemplate: defineRoute({
    method: 'PUT',
    path: '/api/notice-templates/{kind}/{lang}',
    auth: ['secretariat'],
    summary: 'Save the text of a notice in one language; a placeholder the kind does not fill is refused',
    params: TemplateParams,
    body: TemplateBody,
    responses: { 200: { description: 'Template', schema: TemplateView }, 422: { description: 'Unknown placeholder, stray brace, empty subject or text' } },
  }),
  resetTemplate: defineRoute({
    method: 'DELETE',
    path: '/api/notice-templates/{kind}/{lang}',
    auth: ['secretariat'],
    summary: 'Back to the built-in text',
    params: TemplateParams,
    responses: { 200: { description: 'Template', schema: TemplateView } },
  }),
  previewTemplate: defineRoute({
    method: 'POST',
    path: '/api/notice-templates/{kind}/{lang}/preview',
    auth: ['secretariat'],
    summary: 'The text as a recipient would read it, with sample values',
    params: TemplateParams,
    body: TemplateBody,
    responses: { 200: { description: '{ subject, text }', schema: lazySchema(() => z.object({ subject: z.string(), text: z.string() })) }, 422: { description: 'Unknown placeholder or stray brace' } },
  }),
  exportCsv: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/hearing-requests.csv',
    auth: ['secretariat'],
    summary: "A Period's hearing requests as CSV (UTF-8 with BOM); confidential participants appear only as a count",
    params: bySession,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
  }),
  stats: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/hearing-requests/stats',
    auth: ['secretariat'],
    summary: "Counts of a Period's requests by State, kind, language and outcome",
    params: bySession,
    responses: {
      200: {
        description: 'RequestStats',
        schema: lazySchema(() => z.object({ sessionNumber: z.int(), total: z.int(), byState: Counts, byKind: Counts, byLanguage: Counts, byOutcome: Counts })),
      },
    },
  }),
} as const;
