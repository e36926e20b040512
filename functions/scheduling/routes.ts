// The HTTP contract of scheduling (shared/API.md "Schedule") and of the rapporteurships
// the solver reads.
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { instant, intParam, trimmed } from '../shared/validation';
import { RapporteurshipsInput } from './rapporteurships';
import { DraftView, MoveOptionsView, ProposalView, PublicScheduleView, PublishedView, RapporteurshipsView } from './view';
import { lazySchema } from '../shared/lazy';

const bySession = lazySchema(() => z.object({ number: intParam }));
const byRequest = lazySchema(() => z.object({ number: intParam, requestId: z.string().check(z.regex(/^[\w-]{1,64}$/)) }));

const bySessionOf = (from: string) => ({ number: from });
const draftLink = { draft: { operation: 'GET /api/sessions/{number}/schedule/draft', parameters: bySessionOf('$request.path.number') } } as const;

export const MoveBody = lazySchema(() => z.object({ start: instant, room: trimmed(80) }));

export const schedulingRoutes = {
  getRapporteurships: defineRoute({
    method: 'GET',
    path: '/api/rapporteurships',
    auth: 'public',
    summary: 'Country rapporteurships: the commissioner(s) reporting on each OAS member State',
    responses: { 200: { description: '{ rapporteurs: { [state]: [commissionerId] }, revision }', schema: RapporteurshipsView } },
  }),
  putRapporteurships: defineRoute({
    method: 'PUT',
    path: '/api/rapporteurships',
    auth: ['secretariat'],
    summary: 'Replace the rapporteurships (conditional on the revision read)',
    body: lazySchema(() => z.object({ rapporteurs: RapporteurshipsInput.shape.rapporteurs, revision: z.int().check(z.minimum(0)) })),
    rules: ['every key an OAS member State, every id a seat', 'no commissioner reports on their own State', 'revision is the one read (409 otherwise)'],
    responses: { 200: { description: '{ rapporteurs, revision }', schema: RapporteurshipsView }, 409: { description: 'Changed meanwhile' }, 422: { description: 'Unknown State or seat, or a national' } },
  }),
  propose: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/schedule/proposals',
    auth: ['secretariat'],
    summary: 'Propose a timetable for the accepted requests; it becomes the working timetable',
    params: bySession,
    responses: { 201: { description: '{ id, assignments, unscheduled, score, violations: [] }', schema: ProposalView, links: draftLink }, 404: { description: 'Unknown session' } },
  }),
  draft: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/schedule/draft',
    auth: ['secretariat'],
    summary: 'The working timetable: grid, hearings, what is left out and why, conflicts in words',
    params: bySession,
    responses: {
      200: { description: 'Draft view', schema: DraftView, links: { move: { operation: 'PUT /api/sessions/{number}/schedule/hearings/{requestId}', parameters: { number: '$request.path.number', requestId: '$response.body#/hearings/0/requestId' } } } },
      404: { description: 'Unknown session' },
    },
  }),
  move: defineRoute({
    method: 'PUT',
    path: '/api/sessions/{number}/schedule/hearings/{requestId}',
    auth: ['secretariat'],
    summary: 'Move a hearing by hand; every hard constraint is checked',
    params: byRequest,
    body: MoveBody,
    rules: ['start and room are a slot of the grid', 'no hard constraint broken (409 says which)', 'a working timetable exists (409)'],
    responses: { 200: { description: 'Draft view', schema: DraftView }, 404: { description: 'Not an accepted request of the session' }, 409: { description: 'The conflict, in words' }, 422: { description: 'Not a slot of the grid' } },
  }),
  moveOptions: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/schedule/hearings/{requestId}/options',
    auth: ['secretariat'],
    summary: 'Every slot and room the hearing could move to, each with its clashes in words (shown before a drop)',
    params: byRequest,
    responses: { 200: { description: '{ requestId, options: [{ start, room, fits, clashes }] }', schema: MoveOptionsView }, 404: { description: 'Not an accepted request of the session' }, 409: { description: 'No working timetable' } },
  }),
  publish: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/schedule/publish',
    auth: ['secretariat'],
    summary: 'Publish the working timetable as the next numbered version; requests become scheduled. Unchanged since the last version: no new version (unchanged: true)',
    params: bySession,
    responses: {
      200: { description: '{ version, changes }', schema: PublishedView, links: { schedule: { operation: 'GET /api/sessions/{number}/schedule', parameters: bySessionOf('$request.path.number') } } },
      404: { description: 'Unknown session' },
      409: { description: 'No timetable, conflicts, or published meanwhile' },
    },
  }),
  schedule: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/schedule',
    auth: 'public',
    summary: 'The published schedule and its changelog',
    params: bySession,
    responses: { 200: { description: '{ sessionNumber, version, publishedAt, timeZone, hearings, changelog }', schema: PublicScheduleView }, 404: { description: 'Unknown session or not published' } },
  }),
  ics: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/schedule.ics',
    auth: 'public',
    summary: 'The published schedule as iCalendar',
    params: bySession,
    responses: { 200: { description: 'One VEVENT per hearing', contentType: 'text/calendar' }, 404: { description: 'Not published' } },
  }),
} as const;
