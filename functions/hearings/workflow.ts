// The use cases of hearing requests: each checks who may act and the rules (request.ts),
// then makes one conditional write through the store. Time comes in as `now`.
import { viewOf } from './view';
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth';
import { Conflict, type FieldIssue, Forbidden, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import { type Lang, translate } from '../shared/messages';
import { findSession } from '../sessions/store';
import { decisionNotice, submittedNotice } from './notices';
import { openNames, openNamesOfPage, sealNames } from './confidential';
import {
  type DecisionBody,
  type EditBody,
  type HearingRequest,
  type RequestBody,
  canEdit,
  canWithdraw,
  decide,
  normalise,
  requestIssues,
  seesEverything,
  windowError,
} from './request';
import {
  type Idempotency,
  type ListQuery,
  type RetryOptions,
  applyDecision,
  fingerprintOf,
  getRequest,
  listRequests,
  replaceRequest,
  replayOf,
  submitRequest,
  templateSet,
  withdrawRequest,
} from './store';
import { holdOf } from './review';

/** What a viewer may see of a request: all of it for its owner and the secretariat. */
export const present = (request: HearingRequest, viewer: Principal) => viewOf(request, viewer);

const statusText = (lang: Lang, status: string) => translate(lang, `hearing.status.${status}`);

async function openSession(number: number, now: Date, lang: Lang, extra: FieldIssue[]) {
  const session = await findSession(number);
  if (!session) {
    const params = { session: number };
    throw new RuleBroken('hearing.sessionUnknown', params, [{ path: 'sessionNumber', key: 'hearing.sessionUnknown', params }, ...extra]);
  }
  const closed = windowError(session, now, lang);
  if (closed) throw new RuleBroken(closed.key, closed.params, [...closed.issues, ...extra]);
  if (extra.length > 0) throw new RuleBroken('error.validation', {}, extra);
  return session;
}

const IDEMPOTENCY_KEY = /^[\w-]{8,100}$/;

export function idempotencyOf(header: string | undefined, sub: string, body: unknown): Idempotency | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new RuleBroken('error.validation', {}, [{ path: 'Idempotency-Key', key: 'rule.hearing.idempotencyKey' }]);
  return { sub, key: header, fingerprint: fingerprintOf(body) };
}

/** A request as submitted now by `who`, from a body that passed its schema (fields normalised). */
export function newRequest(body: RequestBody, who: Principal, lang: Lang, now: Date): HearingRequest {
  const { language, ...fields } = body;
  const at = now.toISOString();
  return {
    ...normalise(fields),
    id: ulid(now.getTime()),
    status: 'submitted',
    submittedAt: at,
    updatedAt: at,
    language: language ?? lang,
    ownerSub: who.sub,
    history: [{ at, status: 'submitted', by: who.sub }],
    version: 1,
  };
}

export async function submit(body: RequestBody, who: Principal, lang: Lang, now: Date, idem?: Idempotency, options: RetryOptions = {}) {
  // A retry answers what the first attempt answered, even once the window has closed.
  if (idem) {
    const first = await replayOf(idem);
    if (first) return { request: await openNames(first, who, now), replayed: true };
  }
  const request = newRequest(body, who, lang, now);
  await openSession(request.sessionNumber, now, lang, requestIssues(request));
  // Confidential names are stored sealed (confidential.ts); the applicant's answer has them.
  const result = await submitRequest(await sealNames(request), submittedNotice(request, await templateSet()), now, idem, options);
  // Ids and numbers only: titles, names and addresses stay out of the logs.
  logger.info('hearing request submitted', { requestId: result.request.id, sessionNumber: result.request.sessionNumber, replayed: result.replayed });
  return { ...result, request: result.replayed ? await openNames(result.request, who, now) : request };
}

async function ownRequest(id: string, who: Principal) {
  const request = await getRequest(id);
  if (request.ownerSub !== who.sub) throw new Forbidden('hearing.notOwner');
  return request;
}

export async function read(id: string, who: Principal, now: Date = new Date()) {
  const request = await getRequest(id);
  if (!seesEverything(request, who)) throw new Forbidden('hearing.notOwner');
  return present(await openNames(request, who, now), who);
}

export async function list(query: Omit<ListQuery, 'ownerSub'>, who: Principal, now: Date = new Date()) {
  const ownerSub = who.roles.includes('secretariat') ? undefined : who.sub;
  const page = await listRequests({ ...query, ownerSub });
  // Every item is the viewer's own or the viewer is the secretariat: names opened (and recorded).
  return { ...page, items: (await openNamesOfPage(page.items, who, now)).map((r) => present(r, who)) };
}

export async function edit(id: string, body: EditBody, who: Principal, lang: Lang, now: Date, options: RetryOptions = {}) {
  const stored = await ownRequest(id, who);
  // A held decision is not the applicant's to see, but an edit cannot change what was decided.
  if (stored.held) throw new Conflict('hearing.decisionRecorded');
  if (!canEdit(stored)) throw new Conflict('hearing.notEditable', { status: statusText(lang, stored.status) });
  const current = await openNames(stored, who, now);
  const { language, ...changes } = body;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const input = normalise({ ...current, ...defined });
  await openSession(current.sessionNumber, now, lang, requestIssues(input));
  const next: HearingRequest = { ...current, ...input, language: language ?? current.language, updatedAt: now.toISOString(), version: current.version + 1 };
  await replaceRequest(await sealNames(next), current, options);
  return next;
}

export async function withdraw(id: string, who: Principal, lang: Lang, now: Date, reason?: string, options: RetryOptions = {}) {
  const current = await ownRequest(id, who);
  // A held decision is withdrawn with the request: the applicant still sees it `submitted`.
  if (!current.held && !canWithdraw(current, now)) throw new Conflict('hearing.notWithdrawable', { status: statusText(lang, current.status) });
  return withdrawRequest(id, who.sub, { at: now.toISOString(), status: 'withdrawn', by: who.sub, reason }, now, { ...options, held: current.held ? current : undefined });
}

export async function decideRequest(id: string, body: DecisionBody, who: Principal, lang: Lang, now: Date, options: RetryOptions = {}) {
  const current = await getRequest(id);
  let outcome;
  try {
    outcome = decide(current, body, who.sub, now);
  } catch (error) {
    if (error instanceof Conflict) throw new Conflict(error.key, { status: statusText(lang, current.status) });
    throw error;
  }
  if (body.decision === 'deferred' && !(await findSession(outcome.sessionNumber))) {
    throw new RuleBroken('error.validation', {}, [{ path: 'deferTo', key: 'rule.hearing.deferToUnknown', params: { session: outcome.sessionNumber } }]);
  }
  const at = now.toISOString();
  const next: HearingRequest = {
    ...current,
    status: outcome.status,
    sessionNumber: outcome.sessionNumber,
    history: [...current.history, ...outcome.entries],
    updatedAt: at,
    version: current.version + 1,
    // Held until the Period's decisions are released (review.ts), unless told now.
    held: body.releaseNow ? undefined : holdOf(current, body.decision, body.reason, at),
  };
  const notice = body.releaseNow ? decisionNotice(next, body.decision, body.reason, current.held?.from ?? current.sessionNumber, await templateSet()) : undefined;
  const decided = await applyDecision(next, current, outcome.entries, notice, now, options);
  logger.info('hearing request decided', { requestId: id, decision: body.decision, sessionNumber: decided.sessionNumber });
  return decided;
}
