// The use cases of the hearing day. Each reads the hearing through the hearings store
// (never its keys), checks who may act (day.ts partyOf) and the rules, then writes
// through this context's store. Time comes in as `now`.
import { getRequest, listRequests } from '../hearings/store';
import type { HearingRequest } from '../hearings/request';
import { getSession } from '../sessions/store';
import type { Principal } from '../shared/auth';
import { shared } from '../shared/config';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import { LANGS, type Lang, translate } from '../shared/messages';
import {
  DELEGATION_LIMIT,
  type Delegation,
  type DelegationBody,
  type JoiningBody,
  PARTY_MINUTES,
  type PlanBody,
  type RecordBody,
  type Titles,
  defaultPlan,
  delegationDeadline,
  delegationIssues,
  isHearing,
  joiningIssues,
  partyMinutes,
  partyOf,
  planIssues,
  refuse,
  scopeOf,
  titlesFor,
  titlesIssues,
} from './day';
import './messages';
import * as store from './store';
import type { ArchiveView, StateHearingView } from './view';

const formatWhen = (iso: string, timeZone: string, lang: Lang) =>
  `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso))} (${timeZone})`;

/**
 * Whether the parties may know of the hearing: accepted or scheduled, and the decision
 * released (issue 15). A held acceptance is the secretariat's alone: to the State and the
 * applicant it does not exist yet, so they read it as no hearing (404), never 403.
 */
const known = (r: Pick<HearingRequest, 'status' | 'held'>, principal: Principal) => isHearing(r.status) && (!r.held || principal.roles.includes('secretariat'));

/** The request if it is a hearing (accepted or scheduled); 404 otherwise. */
async function hearingOf(id: string): Promise<HearingRequest> {
  const request = await getRequest(id);
  if (!isHearing(request.status)) throw new NotFound('day.notHearing', { id });
  return request;
}

function stateOf(principal: Principal): string {
  if (!principal.state) throw new Forbidden('day.noState');
  return principal.state;
}

const slotMinutes = (r: Pick<HearingRequest, 'slot'>) => (r.slot ? Math.round((Date.parse(r.slot.end) - Date.parse(r.slot.start)) / 60_000) : undefined);

// ---- The State -------------------------------------------------------------------------

function stateView(r: HearingRequest, sessionStart: string, delegation: Pick<Delegation, 'members' | 'updatedAt'> | undefined, now: Date): StateHearingView {
  const deadline = delegationDeadline(r.slot, sessionStart);
  return {
    id: r.id,
    sessionNumber: r.sessionNumber,
    status: r.status as 'accepted' | 'scheduled',
    kind: r.kind,
    scope: scopeOf(r.states),
    states: r.states,
    title: r.title,
    matter: r.matter,
    objective: r.objective,
    private: r.private,
    // A confidential participant is a role and nothing else: no name, no organisation.
    participants: r.participants.map((p) => (p.confidential ? { role: p.role, confidential: true } : { name: p.name, organization: p.organization, role: p.role, confidential: false })),
    languages: r.languages,
    slot: r.slot,
    delegation: delegation ? { members: delegation.members, updatedAt: delegation.updatedAt } : undefined,
    delegationDeadline: deadline,
    delegationOpen: now.getTime() < Date.parse(deadline),
    delegationLimit: DELEGATION_LIMIT,
  };
}

/** The accepted and scheduled hearings concerning the caller's State (its pointer index, every page). */
export async function stateHearings(principal: Principal, now: Date) {
  const state = stateOf(principal);
  const found: HearingRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRequests({ state, limit: 100, cursor });
    // Never a decision still held: the State learns of a hearing when the applicant does.
    found.push(...page.items.filter((r) => known(r, principal)));
    cursor = page.nextCursor;
  } while (cursor);
  const starts = new Map<number, string>();
  for (const n of new Set(found.map((r) => r.sessionNumber))) starts.set(n, (await getSession(n)).startDate);
  const items = await Promise.all(found.map(async (r) => stateView(r, starts.get(r.sessionNumber)!, await store.getDelegation(r.id, state), now)));
  items.sort((a, b) => (a.slot?.start ?? '9').localeCompare(b.slot?.start ?? '9') || a.id.localeCompare(b.id));
  return { state, items };
}

export async function registerDelegation(id: string, body: DelegationBody, principal: Principal, now: Date, lang: Lang) {
  const state = stateOf(principal);
  const request = await getRequest(id);
  if (!request.states.includes(state)) throw new Forbidden('day.notYourState');
  if (!known(request, principal)) throw new NotFound('day.notHearing', { id });
  refuse(delegationIssues(body));
  const session = await getSession(request.sessionNumber);
  const deadline = delegationDeadline(request.slot, session.startDate);
  const closed = () => new Conflict('day.delegationClosed', { deadline: formatWhen(deadline, session.timeZone, lang) });
  if (now.getTime() >= Date.parse(deadline)) throw closed();
  const delegation = { requestId: id, state, members: body.members, updatedAt: now.toISOString() };
  await store.putDelegation(delegation, deadline, now, closed);
  logger.info('delegation registered', { requestId: id, state, members: body.members.length });
  return stateView(request, session.startDate, delegation, now);
}

// ---- Joining details -------------------------------------------------------------------

export async function setJoining(id: string, body: JoiningBody, now: Date) {
  await hearingOf(id);
  refuse(joiningIssues(body));
  const joining = { ...body, requestId: id, updatedAt: now.toISOString() };
  await store.putJoining(joining);
  logger.info('joining details set', { requestId: id, channels: body.interpretation.length });
  return joining;
}

export async function readJoining(id: string, principal: Principal) {
  const request = await getRequest(id);
  if (!partyOf(request, principal)) throw new Forbidden('day.notParty');
  if (!known(request, principal)) throw new NotFound('day.notHearing', { id });
  const joining = await store.getJoining(id);
  if (!joining) throw new NotFound('day.noJoining');
  return joining;
}

// ---- Speaking time ---------------------------------------------------------------------

function planView(r: HearingRequest, stored: store.StoredPlan | undefined) {
  const scope = scopeOf(r.states);
  const segments = stored?.segments ?? defaultPlan(scope);
  return {
    requestId: r.id,
    title: r.title,
    scope,
    ruleMinutes: PARTY_MINUTES[scope],
    slot: r.slot,
    segments,
    partyMinutes: partyMinutes(segments),
    revision: stored?.revision ?? 0,
    updatedAt: stored?.updatedAt,
  };
}

export async function readPlan(id: string, principal: Principal) {
  const request = await getRequest(id);
  if (!partyOf(request, principal)) throw new Forbidden('day.notParty');
  if (!known(request, principal)) throw new NotFound('day.notHearing', { id });
  return planView(request, await store.getPlan(id));
}

export async function setPlan(id: string, body: PlanBody & { revision: number }, now: Date) {
  const request = await hearingOf(id);
  refuse(planIssues(body.segments, slotMinutes(request)));
  const plan = { requestId: id, segments: body.segments, revision: body.revision + 1, updatedAt: now.toISOString() };
  await store.putPlan(plan, body.revision);
  return planView(request, plan);
}

// ---- Titles in the four languages ------------------------------------------------------

export async function setTitles(id: string, body: Titles, now: Date, lang: Lang) {
  const request = await hearingOf(id);
  refuse(titlesIssues(body));
  const titles = Object.fromEntries(LANGS.filter((l) => body[l]).map((l) => [l, body[l]])) as Titles;
  await store.putTitles({ requestId: id, sessionNumber: request.sessionNumber, titles, updatedAt: now.toISOString() });
  return { requestId: id, sessionNumber: request.sessionNumber, titles: titlesFor(titles, lang) };
}

// ---- After the hearing -----------------------------------------------------------------

export async function setRecord(id: string, body: RecordBody, now: Date) {
  const request = await getRequest(id);
  if (request.status !== 'scheduled' || !request.slot) throw new Conflict('day.notHeld');
  if (Date.parse(request.slot.start) > now.getTime()) throw new Conflict('day.notHeld');
  if (request.private && body.recordingUrl) throw new RuleBroken('error.validation', {}, [{ path: 'recordingUrl', key: 'rule.day.privateRecording' }]);
  const titles = (await store.titlesForSession(request.sessionNumber)).get(id);
  const record: store.HearingRecord = {
    requestId: id,
    sessionNumber: request.sessionNumber,
    kind: request.kind,
    states: request.states,
    private: request.private,
    title: request.title,
    titles,
    start: request.slot.start,
    end: request.slot.end,
    // What the public schedule shows: never a confidential participant, nobody at all for a private hearing.
    participants: request.private ? [] : request.participants.filter((p) => !p.confidential).map(({ name, organization, role }) => (organization ? { name, organization, role } : { name, role })),
    recordingUrl: body.recordingUrl,
    summary: body.summary,
    recordedAt: now.toISOString(),
  };
  await store.putRecord(record);
  logger.info('hearing record kept', { requestId: id, sessionNumber: request.sessionNumber, recording: !!body.recordingUrl });
  return { requestId: id, sessionNumber: record.sessionNumber, private: record.private, recordingUrl: record.recordingUrl, summary: record.summary, recordedAt: record.recordedAt };
}

/** The public archive of a Period: the hearings held, recordings and summaries; private hearings never. */
export async function archive(n: number, lang: Lang): Promise<ArchiveView> {
  await getSession(n);
  const [records, webcast] = await Promise.all([store.recordsForSession(n), store.getWebcast(n)]);
  const hearings = records
    .filter((r) => !r.private)
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.requestId.localeCompare(b.requestId))
    .map((r) => ({
      requestId: r.requestId,
      title: r.titles?.[lang] ?? r.title,
      titles: titlesFor(r.titles, lang),
      kind: r.kind,
      states: r.states,
      start: r.start,
      end: r.end,
      participants: r.participants,
      recordingUrl: r.recordingUrl,
      summary: r.summary[lang],
      recordedAt: r.recordedAt,
    }));
  return { sessionNumber: n, webcastUrl: webcast?.url, hearings };
}

/** The archive as an Atom feed, in the reader's language. */
export async function archiveFeed(n: number, lang: Lang): Promise<string> {
  const { hearings } = await archive(n, lang);
  const page = `${shared.SITE_ORIGIN}/#/archive?session=${n}`;
  const updated = hearings.reduce((latest, h) => (h.recordedAt > latest ? h.recordedAt : latest), '1970-01-01T00:00:00.000Z');
  // `feed` (with its XML writer, some 40 KB) is loaded for this route alone (issue 17).
  const { Feed } = await import('feed');
  const feed = new Feed({
    id: `${shared.SITE_ORIGIN}/api/sessions/${n}/archive.atom`,
    title: translate(lang, 'day.archive.feedTitle', { session: n }),
    link: page,
    language: lang,
    updated: new Date(updated),
    generator: false,
    copyright: 'IACHR / CIDH',
    feedLinks: { atom: `${shared.SITE_ORIGIN}/api/sessions/${n}/archive.atom` },
  });
  for (const h of hearings) {
    feed.addItem({
      title: h.title,
      id: `urn:docket:hearing:${n}:${h.requestId}`,
      link: h.recordingUrl ?? page,
      date: new Date(h.recordedAt),
      published: h.start ? new Date(h.start) : undefined,
      description: h.summary,
    });
  }
  return feed.atom1();
}

export async function setWebcast(n: number, url: string, now: Date) {
  await getSession(n);
  const webcast = { sessionNumber: n, url, updatedAt: now.toISOString() };
  await store.putWebcast(webcast);
  return webcast;
}
