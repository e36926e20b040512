// Reviewing apart from deciding, and decisions released together (issue 15). The use
// cases of the secretariat's review: questions to the applicant and their answers, who
// reviews a request, reviewers' scores, internal notes, the notice templates, and the
// release of a Period's held decisions. Each checks who may act and the rules, then
// writes through the store; time comes in as `now`.
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import type { Principal } from '../shared/auth';
import { Conflict, Forbidden, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import type { Lang } from '../shared/messages';
import { type Budget, budgetOf } from '../shared/retry';
import { answerNotice, decisionNotice, questionNotice } from './notices';
import type { HearingRequest, HeldDecision } from './request';
import {
  deleteTemplate,
  getRequest,
  listHeld,
  listNotes,
  listTemplates,
  type Note,
  putNote,
  putTemplate,
  releaseDecision,
  type RetryOptions,
  saveRequest,
  templateSet,
} from './store';
import { builtIn, preview, type Template, TEMPLATE_KINDS, TEMPLATE_KIND_NAMES, type TemplateKind, templateIssues } from './templates';
import { LANGS } from '../shared/messages';

import { type AssignmentBody, type NoteBody, type QuestionBody, RAPPORTEURSHIPS } from './review-input';

const isSecretariat = (who: Principal) => who.roles.includes('secretariat');
const heldRefused = (request: HearingRequest) => {
  if (request.held) throw new Conflict('hearing.decisionHeld', { session: request.held.from });
};

/** The secretariat asks the applicant for more information: `submitted` → `info_requested`, the question mailed at once. */
export async function ask(id: string, body: QuestionBody, who: Principal, now: Date, options: RetryOptions = {}) {
  const current = await getRequest(id);
  heldRefused(current);
  if (current.status !== 'submitted') throw new Conflict('hearing.notAskable', { status: current.status });
  const at = now.toISOString();
  const next: HearingRequest = {
    ...current,
    status: 'info_requested',
    info: [...(current.info ?? []), { question: body.question, askedAt: at, askedBy: who.sub, askedByEmail: who.email }],
    history: [...current.history, { at, status: 'info_requested', by: who.sub, reason: body.question }],
    updatedAt: at,
    version: current.version + 1,
  };
  const saved = await saveRequest(next, current, ['submitted'], [questionNotice(next, body.question, await templateSet())], now, 'hearing question', options);
  logger.info('hearing request: information asked', { requestId: id });
  return saved;
}

/** The applicant answers: `info_requested` → `submitted`, the answer mailed to whoever asked. */
export async function answer(id: string, text: string, who: Principal, lang: Lang, now: Date, options: RetryOptions = {}) {
  const current = await getRequest(id);
  if (current.ownerSub !== who.sub) throw new Forbidden('hearing.notOwner');
  const open = current.info?.at(-1);
  if (current.status !== 'info_requested' || !open || open.answer !== undefined) throw new Conflict('hearing.notAsked');
  const at = now.toISOString();
  const info = [...current.info!.slice(0, -1), { ...open, answer: text, answeredAt: at }];
  const next: HearingRequest = {
    ...current,
    status: 'submitted',
    info,
    history: [...current.history, { at, status: 'submitted', by: who.sub, reason: text }],
    updatedAt: at,
    version: current.version + 1,
  };
  const mails = open.askedByEmail ? [answerNotice(next, open.askedByEmail, lang)] : [];
  const saved = await saveRequest(next, current, ['info_requested'], mails, now, 'hearing answer', options);
  logger.info('hearing request: information given', { requestId: id });
  return saved;
}

export async function assign(id: string, body: AssignmentBody, who: Principal, now: Date, options: RetryOptions = {}) {
  if (body.kind === 'rapporteurship' && !RAPPORTEURSHIPS.includes(body.to)) {
    throw new RuleBroken('error.validation', {}, [{ path: 'to', key: 'rule.hearing.rapporteurship', params: { value: body.to } }]);
  }
  if (body.kind === 'member' && !z.email().safeParse(body.to).success) {
    throw new RuleBroken('error.validation', {}, [{ path: 'to', key: 'rule.hearing.memberEmail' }]);
  }
  const current = await getRequest(id);
  const at = now.toISOString();
  const next: HearingRequest = { ...current, assignment: { to: body.to, kind: body.kind, at, by: who.sub }, updatedAt: at, version: current.version + 1 };
  return saveRequest(next, current, undefined, [], now, 'hearing assignment', options);
}

export async function score(id: string, value: number, who: Principal, now: Date, options: RetryOptions = {}) {
  const current = await getRequest(id);
  const next: HearingRequest = { ...current, scores: { ...(current.scores ?? {}), [who.sub]: value }, updatedAt: now.toISOString(), version: current.version + 1 };
  return saveRequest(next, current, undefined, [], now, 'hearing score', options);
}

export interface NoteView {
  id: string;
  text: string;
  shared: boolean;
  at: string;
  byEmail: string;
  mine: boolean;
}
const noteView = (n: Note, who: Principal): NoteView => ({ id: n.id, text: n.text, shared: n.shared, at: n.at, byEmail: n.byEmail, mine: n.by === who.sub });

export async function addNote(id: string, body: NoteBody, who: Principal, now: Date) {
  await getRequest(id); // 404 for an unknown request
  const note = await putNote(id, { id: ulid(now.getTime()), text: body.text, shared: body.shared, at: now.toISOString(), by: who.sub, byEmail: who.email });
  return noteView(note, who);
}

/** The secretariat reads every note; a commissioner only those shared with the commissioners. */
export async function notes(id: string, who: Principal) {
  const request = await getRequest(id);
  // Art. 17: a commissioner who is a national of a State concerned takes no part, and so
  // reads nothing the secretariat shares about it (as with the hearing's joining details).
  if (!isSecretariat(who) && who.nationality && request.states.includes(who.nationality)) throw new Forbidden('hearing.recused');
  const all = await listNotes(id);
  return { items: (isSecretariat(who) ? all : all.filter((n) => n.shared)).map((n) => noteView(n, who)) };
}

// Decisions held and released together.

/** What a decision holds, keeping the first held decision's Period and history length (the applicant's view). */
export function holdOf(current: HearingRequest, decision: HeldDecision['decision'], reason: string, at: string): HeldDecision {
  const earlier = current.held;
  return { decision, reason, at, from: earlier?.from ?? current.sessionNumber, historyLength: earlier?.historyLength ?? current.history.length };
}

/** Undoes a held decision (before its release): the request is `submitted` in its Period again, as the applicant still sees it. */
export async function undoDecision(id: string, who: Principal, now: Date, options: RetryOptions = {}) {
  const current = await getRequest(id);
  const held = current.held;
  if (!held) throw new Conflict('hearing.notHeld');
  const at = now.toISOString();
  const { held: _held, slot: _slot, ...rest } = current;
  const next: HearingRequest = {
    ...rest,
    status: 'submitted',
    sessionNumber: held.from,
    history: [...current.history.slice(0, held.historyLength)],
    updatedAt: at,
    version: current.version + 1,
  };
  // Only while the decision is still a decision (not scheduled meanwhile).
  const saved = await saveRequest(next, current, ['accepted', 'rejected', 'submitted'], [], now, 'hearing decision undo', options);
  logger.info('hearing decision undone', { requestId: id, by: who.sub === current.ownerSub ? 'owner' : 'secretariat' });
  return saved;
}

const noticeOf = (r: HearingRequest, templates: Awaited<ReturnType<typeof templateSet>>) => decisionNotice(r, r.held!.decision, r.held!.reason, r.held!.from, templates);

/** The messages the release of a Period's decisions would send, for the secretariat to read first. */
export async function releasePreview(sessionNumber: number) {
  const [held, templates] = await Promise.all([listHeld(sessionNumber), templateSet()]);
  return {
    items: held.map((r) => {
      const notice = noticeOf(r, templates);
      return { requestId: r.id, title: r.title, decision: r.held!.decision, language: notice.language, subject: notice.subject, text: notice.text };
    }),
  };
}

/**
 * Releases every held decision of a Period: one transaction per request (its notice with
 * it), so a release cut short by the function's time is taken up again by the next call
 * and sends nothing twice. `remaining` counts those left for another call.
 */
export async function release(sessionNumber: number, who: Principal, now: Date, budget: Budget = budgetOf()) {
  const [held, templates] = await Promise.all([listHeld(sessionNumber), templateSet()]);
  let released = 0;
  let index = 0;
  for (; index < held.length; index++) {
    if (budget.left() <= 0) break;
    if (await releaseDecision(held[index], noticeOf(held[index], templates), now, { budget })) released++;
  }
  // Counts only: a subject identifies a person (confidential.ts), so who released stays out.
  logger.info('hearing decisions released', { sessionNumber, released, remaining: held.length - index });
  return { released, remaining: held.length - index };
}

// Notice templates.

export async function templates() {
  const stored = new Map((await listTemplates()).map((t) => [`${t.kind}#${t.lang}`, t]));
  return {
    items: TEMPLATE_KIND_NAMES.flatMap((kind) =>
      LANGS.map((lang) => {
        const custom = stored.get(`${kind}#${lang}`);
        const text = custom ?? builtIn(kind, lang);
        return { kind, lang, subject: text.subject, text: text.text, custom: !!custom, placeholders: [...TEMPLATE_KINDS[kind].placeholders], updatedAt: custom?.updatedAt };
      }),
    ),
  };
}

function checked(kind: TemplateKind, template: Template) {
  const issues = templateIssues(kind, template);
  if (issues.length) throw new RuleBroken('error.validation', {}, issues);
}

export async function saveTemplate(kind: TemplateKind, lang: Lang, body: Template, who: Principal, now: Date) {
  checked(kind, body);
  const saved = await putTemplate({ kind, lang, subject: body.subject, text: body.text, updatedAt: now.toISOString(), updatedBy: who.sub });
  return { kind, lang, subject: saved.subject, text: saved.text, custom: true, placeholders: [...TEMPLATE_KINDS[kind].placeholders], updatedAt: saved.updatedAt };
}

export async function resetTemplate(kind: TemplateKind, lang: Lang) {
  await deleteTemplate(kind, lang);
  const text = builtIn(kind, lang);
  return { kind, lang, subject: text.subject, text: text.text, custom: false, placeholders: [...TEMPLATE_KINDS[kind].placeholders] };
}

export function previewTemplate(kind: TemplateKind, lang: Lang, body: Template) {
  checked(kind, body);
  return preview(kind, lang, body);
}
