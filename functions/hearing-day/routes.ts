// The HTTP contract of the hearing day (issue 16): the State's hearings and delegation,
// joining details, the speaking plan, titles in the four languages, the record after the
// hearing and the public archive with its Atom feed, the Period's public viewing link.
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { DelegationBody, JoiningBody, PlanBody, RecordBody, TitlesBody } from './day';
import { ArchiveView, JoiningView, PlanView, RecordView, StateHearingView, StateHearingsView, TitlesView, WebcastView } from './view';
import { lazySchema } from '../shared/lazy';

const byRequest = lazySchema(() => z.object({ requestId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.hearing.id') })) }));
const bySession = lazySchema(() => z.object({ number: intParam }));
const parties = ['applicant', 'state', 'secretariat', 'commissioner'] as const;
const notHearing = { description: 'Unknown request, or not an accepted or scheduled hearing' };

export const hearingDayRoutes = {
  stateHearings: defineRoute({
    method: 'GET',
    path: '/api/state/hearings',
    auth: ['state'],
    summary: "The accepted and scheduled hearings concerning the caller's State (custom:state), without confidential names",
    responses: { 200: { description: '{ state, items: [StateHearing] }', schema: StateHearingsView }, 403: { description: 'Not a State delegation' } },
  }),
  delegation: defineRoute({
    method: 'PUT',
    path: '/api/hearings/{requestId}/delegation',
    auth: ['state'],
    summary: "Register (replace) the State's delegation to a hearing concerning it, before the deadline",
    params: byRequest,
    body: DelegationBody,
    rules: ['1 to 10 people, each with a name and a role', 'the hearing concerns the caller\'s State', 'before the deadline: 24 hours before the hearing (or the Period) starts'],
    responses: {
      200: { description: 'StateHearing with the delegation', schema: StateHearingView },
      403: { description: 'The hearing does not concern the caller\'s State' },
      404: notHearing,
      409: { description: 'The deadline has passed' },
      422: { description: 'Field errors' },
    },
  }),
  putJoining: defineRoute({
    method: 'PUT',
    path: '/api/hearings/{requestId}/joining',
    auth: ['secretariat'],
    summary: 'Set how the parties join the hearing: video link, passcode, interpretation channels, security guidelines',
    params: byRequest,
    body: JoiningBody,
    rules: ['links are https://', 'one interpretation channel per language'],
    responses: { 200: { description: 'Joining details', schema: JoiningView }, 404: notHearing, 422: { description: 'Field errors' } },
  }),
  getJoining: defineRoute({
    method: 'GET',
    path: '/api/hearings/{requestId}/joining',
    auth: parties,
    summary: "The joining details, for the hearing's parties only: the requesting organisation, the State concerned, the secretariat, the commissioners (not a national of a State concerned)",
    params: byRequest,
    responses: { 200: { description: 'Joining details', schema: JoiningView }, 403: { description: 'Not a party' }, 404: { description: 'Unknown, not a hearing, or no joining details yet' } },
  }),
  getPlan: defineRoute({
    method: 'GET',
    path: '/api/hearings/{requestId}/plan',
    auth: parties,
    summary: "The speaking plan (the IACHR's default for the hearing's kind until the secretariat edits it), for the run-of-show",
    params: byRequest,
    responses: { 200: { description: 'Plan', schema: PlanView }, 403: { description: 'Not a party' }, 404: notHearing },
  }),
  putPlan: defineRoute({
    method: 'PUT',
    path: '/api/hearings/{requestId}/plan',
    auth: ['secretariat'],
    summary: 'Replace the speaking plan (conditional on the revision read)',
    params: byRequest,
    body: lazySchema(() => z.object({ segments: PlanBody.shape.segments, revision: z.int().check(z.minimum(0)) })),
    rules: ['the petitioners and the State both speak, for the same minutes in all', 'the plan fits the hearing\'s slot', 'revision is the one read (409 otherwise)'],
    responses: { 200: { description: 'Plan', schema: PlanView }, 404: notHearing, 409: { description: 'Changed meanwhile' }, 422: { description: 'Unequal time, too long, or field errors' } },
  }),
  putTitles: defineRoute({
    method: 'PUT',
    path: '/api/hearings/{requestId}/titles',
    auth: ['secretariat'],
    summary: "The hearing's title in the four languages (translations of the applicant's title), shown in the public schedule and iCal",
    params: byRequest,
    body: TitlesBody,
    rules: ['at least one language'],
    responses: { 200: { description: 'Titles, the caller\'s language first', schema: TitlesView }, 404: notHearing, 422: { description: 'Field errors' } },
  }),
  putRecord: defineRoute({
    method: 'PUT',
    path: '/api/hearings/{requestId}/record',
    auth: ['secretariat'],
    summary: 'After the hearing: its recording link and a summary in each of the four languages',
    params: byRequest,
    body: RecordBody,
    rules: ['only once the hearing has started', 'a private hearing has no recording'],
    responses: { 200: { description: 'The record', schema: RecordView }, 404: { description: 'Unknown request' }, 409: { description: 'Not held yet' }, 422: { description: 'Field errors' } },
  }),
  archive: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/archive',
    auth: 'public',
    summary: 'The hearings held in a Period with their recordings and summaries (private hearings and confidential names never)',
    params: bySession,
    responses: { 200: { description: 'Archive', schema: ArchiveView }, 404: { description: 'Unknown session' } },
  }),
  archiveFeed: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/archive.atom',
    auth: 'public',
    summary: 'The archive as an Atom feed',
    params: bySession,
    responses: { 200: { description: 'Atom feed', contentType: 'application/atom+xml' }, 404: { description: 'Unknown session' } },
  }),
  putWebcast: defineRoute({
    method: 'PUT',
    path: '/api/sessions/{number}/webcast',
    auth: ['secretariat'],
    summary: "The Period's public viewing link (webcast), given to online registrants of public hearings",
    params: bySession,
    body: lazySchema(() => z.object({ url: JoiningBody.shape.videoLink })),
    responses: { 200: { description: 'Webcast', schema: WebcastView }, 404: { description: 'Unknown session' }, 422: { description: 'Not an https:// link' } },
  }),
} as const;
