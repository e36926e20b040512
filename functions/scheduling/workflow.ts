// The scheduling use cases: propose, move by hand, publish, read. Each takes the hearings
// store as a port (listAcceptedRequests, scheduleRequestsItems), the clock's `now` and
// the caller's language; handler.ts wires the real stores.
import { ulid } from 'ulid';
import { delegationDeadline } from '../hearing-day/day';
import { joiningText, stateNotices } from '../hearing-day/notices';
import { joiningFor } from '../hearing-day/store';
import { outboxPut } from '../notifications/outbox';
import { render, type TemplateSet } from '../hearings/templates';
import { getSession } from '../sessions/store';
import { shared } from '../shared/config';
import { Conflict, NotFound, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import { type Lang, translate } from '../shared/messages';
import { type Grid, type Placement, cellOf, gridOf, instantsOf } from './grid';
import { Board, type Instance, evaluate, prepare, violations } from './model';
import {
  type Assignment,
  type RequestView,
  changesBetween,
  clashText,
  publicHearing,
  unscheduledText,
} from './publication';
import { loadSolver } from './load-solver';
import { type Unscheduled, assignmentsOf, diagnose } from './timetable';
import * as store from './store';

export interface HearingsPort {
  listAcceptedRequests(sessionNumber: number): Promise<RequestView[]>;
  scheduleRequestsItems(entries: { id: string; slot: { start: string; end: string; room: string } }[], by: string, now: Date): Record<string, unknown>[];
  /** The secretariat's notice templates (hearings/templates.ts); the built-in texts without. */
  templateSet?(): Promise<TemplateSet>;
}

async function context(hearings: HearingsPort, n: number) {
  const session = await getSession(n);
  const [requests, { rapporteurs }] = await Promise.all([hearings.listAcceptedRequests(n), store.getRapporteurships()]);
  const accepted = requests.filter((r) => r.status === 'accepted' || r.status === 'scheduled').sort((a, b) => a.id.localeCompare(b.id));
  const grid = gridOf(session);
  const instance: Instance = {
    grid,
    rapporteurs,
    hearings: accepted.map((r) => ({ id: r.id, states: r.states, submittedAt: r.submittedAt, unavailableDates: r.unavailableDates })),
  };
  return { session, requests: new Map(accepted.map((r) => [r.id, r])), instance, prep: prepare(instance) };
}

/** Draft assignments as grid placements, dropping those whose request is no longer accepted or off the grid. */
function placementsOf(grid: Grid, prep: ReturnType<typeof prepare>, assignments: readonly Assignment[]): Placement[] {
  const out: Placement[] = [];
  for (const a of assignments) {
    const h = prep.byId.get(a.requestId);
    const cell = cellOf(grid, new Date(a.start), a.room);
    if (h && cell) out.push({ id: a.requestId, day: cell.day, slot: cell.slot, room: cell.room, length: h.length });
  }
  return out;
}

const explain = (u: Unscheduled, lang: Lang) => ({ ...u, explanation: unscheduledText(u, lang) });

/** A proposal's whole budget, search and proof (issue 17: up to 60 requests proven within 10 s; the function may run 29 s). */
const PROPOSAL_SECONDS = 10;

export async function propose(hearings: HearingsPort, n: number, by: string, now: Date, lang: Lang) {
  const [{ instance }, { solve }] = await Promise.all([context(hearings, n), loadSolver()]);
  const solution = await solve(instance, { mip: 'auto', timeLimitSeconds: PROPOSAL_SECONDS, deadlineSeconds: PROPOSAL_SECONDS, logger });
  const id = ulid(now.getTime());
  const assignments = assignmentsOf(instance, solution.placements);
  await store.saveProposal(n, { proposalId: id, assignments, unscheduled: solution.unscheduled, score: solution.score, breakdown: solution.breakdown, method: solution.method, provenGap: solution.provenGap }, by, now);
  logger.info('schedule proposed', { sessionNumber: n, proposalId: id, placed: assignments.length, unscheduled: solution.unscheduled.length, method: solution.method, score: solution.score, provenGap: solution.provenGap, mipStatus: solution.mipStatus });
  return {
    id,
    assignments,
    unscheduled: solution.unscheduled.map((u) => explain(u, lang)),
    score: solution.score,
    breakdown: solution.breakdown,
    method: solution.method,
    provenGap: solution.provenGap,
    violations: [],
  };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The working timetable for the secretariat's page: grid, hearings, what is left out, conflicts in words. */
export async function draftView(hearings: HearingsPort, n: number, lang: Lang) {
  const { session, requests, instance, prep } = await context(hearings, n);
  const [draft, latest] = await Promise.all([store.getDraft(n), store.latestVersion(n)]);
  const grid = instance.grid;
  const start = Number(grid.dayStart.slice(0, 2)) * 60 + Number(grid.dayStart.slice(3));
  const placements = draft ? placementsOf(grid, prep, draft.assignments) : [];
  const placed = new Map(placements.map((p) => [p.id, p]));
  const titleOf = (id: string) => requests.get(id)?.title ?? id;
  const conflicts = violations(prep, placements)
    .filter((v) => v.constraint !== 'grid' || v.with === undefined)
    .map((v) => ({ requestId: v.id, constraint: v.constraint, text: clashText(v, lang, titleOf) }));
  const unscheduled = prep.hearings.filter((h) => !placed.has(h.id)).map((h) => explain(diagnose(prep, placements, h.id), lang));
  return {
    sessionNumber: n,
    timeZone: session.timeZone,
    revision: draft?.revision ?? 0,
    proposalId: draft?.proposalId,
    score: draft ? evaluate(prep, placements).score : undefined,
    method: draft?.method,
    // A manual move leaves the proposal's proof behind: its gap no longer describes the timetable.
    provenGap: draft ? (draft.provenGap ?? null) : undefined,
    published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : undefined,
    grid: {
      days: grid.days,
      times: Array.from({ length: grid.slotsPerDay }, (_, t) => hhmm(start + t * grid.slotMinutes)),
      slotMinutes: grid.slotMinutes,
      rooms: grid.rooms,
      starts: grid.days.map((_, d) => Array.from({ length: grid.slotsPerDay }, (_, t) => instantsOf(grid, { day: d, slot: t, length: 1 }).start.toISOString())),
    },
    hearings: [...requests.values()].map((r) => {
      const p = placed.get(r.id);
      const at = p ? instantsOf(grid, p) : undefined;
      return {
        requestId: r.id,
        title: r.title,
        kind: r.kind,
        states: r.states,
        private: r.private,
        slots: prep.byId.get(r.id)!.length,
        ...(p && at ? { start: at.start.toISOString(), end: at.end.toISOString(), room: grid.rooms[p.room] } : {}),
      };
    }),
    unscheduled,
    conflicts,
  };
}

/** The board with every placed hearing but `requestId` (those that fit; a clashing draft keeps its first). */
function boardWithout(prep: ReturnType<typeof prepare>, placements: Placement[], requestId: string) {
  const others = placements.filter((p) => p.id !== requestId);
  const board = new Board(prep);
  for (const p of others) if (board.clashes(prep.byId.get(p.id)!, p.day, p.slot, p.room).length === 0) board.place(prep.byId.get(p.id)!, p.day, p.slot, p.room);
  return { others, board };
}

/**
 * Every slot and room a hearing could move to, each with what it would clash with, in
 * words: the timetable page shows them all while a hearing is dragged (or chosen with the
 * keyboard), before anything is dropped.
 */
export async function moveOptions(hearings: HearingsPort, n: number, requestId: string, lang: Lang) {
  const { instance, prep, requests } = await context(hearings, n);
  const draft = await store.getDraft(n);
  if (!draft) throw new Conflict('schedule.noDraft', { number: n });
  const h = prep.byId.get(requestId);
  if (!h) throw new NotFound('schedule.notAccepted', { id: requestId });
  const grid = instance.grid;
  const { board } = boardWithout(prep, placementsOf(grid, prep, draft.assignments), requestId);
  const titleOf = (id: string) => requests.get(id)?.title ?? id;
  const options = [];
  for (let day = 0; day < grid.days.length; day++) {
    for (let slot = 0; slot < grid.slotsPerDay; slot++) {
      for (let room = 0; room < grid.rooms.length; room++) {
        const clashes = board.clashes(h, day, slot, room);
        options.push({
          start: instantsOf(grid, { day, slot, length: 1 }).start.toISOString(),
          room: grid.rooms[room],
          fits: clashes.length === 0,
          clashes: clashes.map((c) => clashText(c, lang, titleOf)),
        });
      }
    }
  }
  return { requestId, options };
}

export async function move(hearings: HearingsPort, n: number, requestId: string, target: { start: string; room: string }, now: Date, lang: Lang) {
  const { instance, prep, requests } = await context(hearings, n);
  const draft = await store.getDraft(n);
  if (!draft) throw new Conflict('schedule.noDraft', { number: n });
  const h = prep.byId.get(requestId);
  if (!h) throw new NotFound('schedule.notAccepted', { id: requestId });
  const grid = instance.grid;
  const cell = cellOf(grid, new Date(target.start), target.room);
  const last = Number(grid.dayStart.slice(0, 2)) * 60 + Number(grid.dayStart.slice(3)) + grid.slotsPerDay * grid.slotMinutes;
  if (!cell) {
    throw new RuleBroken('error.validation', {}, [
      { path: 'start', key: 'rule.schedule.offGrid', params: { from: grid.dayStart, to: hhmm(last), timeZone: grid.timeZone } },
    ]);
  }
  const { others, board } = boardWithout(prep, placementsOf(grid, prep, draft.assignments), requestId);
  const clashes = board.clashes(h, cell.day, cell.slot, cell.room);
  if (clashes.length > 0) {
    const titleOf = (id: string) => requests.get(id)?.title ?? id;
    const texts = clashes.map((c) => clashText(c, lang, titleOf));
    throw new Conflict(
      'schedule.conflict',
      { first: texts[0] },
      clashes.map((c, i) => ({ path: c.constraint === 'room' ? 'room' : 'start', key: `clash.${c.constraint}`, text: texts[i] })),
    );
  }
  const placements = [...others, { id: requestId, day: cell.day, slot: cell.slot, room: cell.room, length: h.length }];
  const { score, breakdown } = evaluate(prep, placements);
  const placedIds = new Set(placements.map((p) => p.id));
  const unscheduled = prep.hearings.filter((x) => !placedIds.has(x.id)).map((x) => diagnose(prep, placements, x.id));
  await store.saveMove(n, { proposalId: draft.proposalId, assignments: assignmentsOf(instance, placements), unscheduled, score, breakdown, method: 'manual', provenGap: null }, draft.revision, now);
  return draftView(hearings, n, lang);
}

const whenIn = (iso: string, timeZone: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));

/** A rendered notice with how to join appended (issue 16). */
const withJoining = (notice: { subject: string; text: string }, joining: string) => ({ subject: notice.subject, text: joining ? `${notice.text}\n\n${joining}` : notice.text });

export async function publish(hearings: HearingsPort, n: number, by: string, now: Date, lang: Lang) {
  const { session, requests, instance, prep } = await context(hearings, n);
  const draft = await store.getDraft(n);
  if (!draft) throw new Conflict('schedule.noDraft', { number: n });
  // Decisions reach the parties together before the timetable does (issue 15): a held one
  // would be told by the publication's notice (and the public schedule) first.
  const held = [...requests.values()].filter((r) => r.held).length;
  if (held > 0) throw new Conflict('schedule.decisionsHeld', { count: held });
  const placements = placementsOf(instance.grid, prep, draft.assignments);
  const broken = violations(prep, placements);
  if (broken.length > 0) {
    const titleOf = (id: string) => requests.get(id)?.title ?? id;
    throw new Conflict('schedule.hasConflicts', {}, broken.map((v) => ({ path: v.id, key: `clash.${v.constraint}`, text: clashText(v, lang, titleOf) })));
  }
  const assignments = assignmentsOf(instance, placements);
  const previous = await store.latestVersion(n);
  const version = (previous?.version ?? 0) + 1;
  const changes = changesBetween(previous?.assignments ?? [], assignments);
  // Nothing changed since the last version: no new version, no notices (publishing twice is harmless).
  if (previous && changes.length === 0) return { version: previous.version, changes: [], unchanged: true };
  const touched = assignments.filter((a) => changes.some((c) => c.requestId === a.requestId && c.change !== 'removed'));
  const url = `${shared.SITE_ORIGIN}/#/schedule?session=${n}`;
  const templates = (await hearings.templateSet?.()) ?? new Map();
  // The parties are told in their language, with how to join (issue 16): the requesting
  // organisation as before, and now each State concerned, with its delegation deadline.
  const joining = await joiningFor(touched.map((a) => a.requestId));
  const notices = touched.flatMap((a) => {
    const r = requests.get(a.requestId)!;
    const language = r.language ?? 'es';
    const title = r.title;
    const toApplicant = r.contact?.email
      ? [
          outboxPut(
            {
              to: r.contact.email,
              language,
              kind: 'hearing.scheduled',
              ref: r.id,
              ...withJoining(render('hearing.scheduled', language, { title, session: n, when: whenIn(a.start, session.timeZone, language), timeZone: session.timeZone, room: a.room, version, url }, templates), joiningText(joining.get(r.id), language)),
            },
            now,
          ),
        ]
      : [];
    const scheduled = { id: r.id, title, states: r.states, sessionNumber: n, start: a.start, room: a.room };
    const toStates = stateNotices(scheduled, session, version, delegationDeadline(a, session.startDate), joining.get(r.id)).map((m) => outboxPut(m, now));
    return [...toApplicant, ...toStates];
  });
  // One transaction: the version, the pointer, the draft check, a mark per hearing and the notices.
  if (3 + touched.length + notices.length > 100) throw new RuleBroken('schedule.tooLarge', { max: Math.floor(store.MAX_PUBLISH_ITEMS / 3), count: touched.length });
  const marks = hearings.scheduleRequestsItems(
    touched.map((a) => ({ id: a.requestId, slot: { start: a.start, end: a.end, room: a.room } })),
    by,
    now,
  );
  await store.publishVersion(
    {
      sessionNumber: n,
      version,
      publishedAt: now.toISOString(),
      publishedBy: by,
      assignments,
      hearings: assignments.map((a) => publicHearing(a, requests.get(a.requestId)!)),
      changes,
    },
    draft.revision,
    [...marks, ...notices],
  );
  logger.info('schedule published', { sessionNumber: n, version, hearings: assignments.length, changes: changes.length });
  return { version, changes };
}

