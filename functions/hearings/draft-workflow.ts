// The use cases of drafts (issue 15): save, list, resume, discard, submit. Only the
// owner ever sees a draft; submission applies every rule of a direct submission (the
// request window at that moment included) and reports all broken rules at once.
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth';
import { Conflict, type DomainError, type FieldIssue, Forbidden, RuleBroken } from '../shared/errors';
import { logger } from '../shared/logger';
import type { Lang } from '../shared/messages';
import { parse } from '../shared/validation';
import { findSession } from '../sessions/store';
import { type DraftFields, type DraftUpdateBody, type HearingDraft, compact, submissionIssues } from './draft';
import { MAX_DRAFTS, countDrafts, createDraft, deleteDraft, draftExpiry, draftSubmittedItem, findDraft, getDraft, listDrafts, replaceDraft } from './draft-store';
import { submittedNotice } from './notices';
import { type HearingRequest, RequestBody, windowError } from './request';
import { type RetryOptions, findRequest, submitRequest, templateSet } from './store';
import { sealNames } from './confidential';
import { newRequest } from './workflow';

async function ownDraft(id: string, who: Principal): Promise<HearingDraft> {
  const draft = await getDraft(id);
  if (draft.ownerSub !== who.sub) throw new Forbidden('hearing.draftNotOwner');
  return draft;
}

/** A draft still open (a submitted one is a tombstone: 409 naming its request, except to submit). */
async function openDraft(id: string, who: Principal): Promise<HearingDraft> {
  const draft = await ownDraft(id, who);
  if (draft.status !== 'draft') throw new Conflict('hearing.draftSubmitted', { requestId: draft.requestId ?? '' });
  return draft;
}

export async function saveNewDraft(fields: DraftFields, who: Principal, now: Date): Promise<HearingDraft> {
  // Drafts are listed up to MAX_DRAFTS: one more could never be seen again, only expire.
  if ((await countDrafts(who.sub, MAX_DRAFTS)) >= MAX_DRAFTS) {
    throw new RuleBroken('hearing.draftsTooMany', { max: MAX_DRAFTS }, [{ path: 'drafts', key: 'hearing.draftsTooMany', params: { max: MAX_DRAFTS } }]);
  }
  const at = now.toISOString();
  const draft = await createDraft({ id: ulid(now.getTime()), ownerSub: who.sub, status: 'draft', createdAt: at, updatedAt: at, version: 1, request: compact(fields), expiresAt: draftExpiry(now) });
  logger.info('hearing draft saved', { draftId: draft.id, version: 1 });
  return draft;
}

export async function saveDraft(id: string, body: DraftUpdateBody, who: Principal, now: Date): Promise<HearingDraft> {
  const current = await openDraft(id, who);
  const { version, ...fields } = body;
  if (version !== undefined && version !== current.version) throw new Conflict('hearing.draftChanged');
  const next: HearingDraft = { ...current, request: compact(fields), updatedAt: now.toISOString(), version: current.version + 1, expiresAt: draftExpiry(now) };
  await replaceDraft(next, current.version);
  logger.info('hearing draft saved', { draftId: id, version: next.version });
  return next;
}

export const readDraft = (id: string, who: Principal) => openDraft(id, who);
export const myDrafts = (who: Principal) => listDrafts(who.sub);

export async function discardDraft(id: string, who: Principal): Promise<void> {
  await openDraft(id, who);
  await deleteDraft(id, who.sub);
}

/** The shape issues of the full schema, as field issues in `lang` (none when it parses). */
function shapeIssues(fields: DraftFields, lang: Lang): { body?: RequestBody; issues: FieldIssue[] } {
  try {
    return { body: parse(RequestBody, fields, lang), issues: [] };
  } catch (error) {
    if (error instanceof RuleBroken) return { issues: error.issues };
    throw error;
  }
}

/**
 * Submits a draft of the caller's as a new request. Every rule of a direct submission
 * applies, at this moment (the window must be open now); all broken rules come at once.
 * A repeat (a lost answer, two devices) answers with the request the draft became.
 */
export async function submitDraft(id: string, who: Principal, lang: Lang, now: Date, options: RetryOptions = {}): Promise<{ request: HearingRequest; replayed: boolean }> {
  const draft = await ownDraft(id, who);
  if (draft.status === 'submitted') return replayOf(draft);
  const { body, issues: shape } = shapeIssues(draft.request, lang);
  const issues = submissionIssues(draft.request, shape);
  const number = draft.request.sessionNumber;
  const session = number !== undefined ? await findSession(number) : undefined;
  if (number !== undefined && !session) {
    const params = { session: number };
    throw new RuleBroken('hearing.sessionUnknown', params, [{ path: 'sessionNumber', key: 'hearing.sessionUnknown', params }, ...issues.filter((i) => i.path !== 'sessionNumber')]);
  }
  const closed = session ? windowError(session, now, lang) : undefined;
  if (closed) throw new RuleBroken(closed.key, closed.params, [...closed.issues, ...issues.filter((i) => i.path !== 'sessionNumber')]);
  if (issues.length > 0 || !body) throw new RuleBroken('error.validation', {}, issues);

  const request = newRequest(body, who, lang, now);
  try {
    // Stored as every request is: confidential names sealed (confidential.ts), notice from the templates.
    const result = await submitRequest(await sealNames(request), submittedNotice(request, await templateSet()), now, undefined, { ...options, alongside: [draftSubmittedItem(draft, request.id, now)] });
    logger.info('hearing draft submitted', { draftId: id, requestId: request.id, sessionNumber: request.sessionNumber });
    return result;
  } catch (error) {
    // Submitted meanwhile (another device, a retry racing this one): that submission stands.
    if ((error as DomainError)?.status === 409) {
      const after = await findDraft(id);
      if (after?.status === 'submitted') return replayOf(after);
      throw new Conflict('hearing.draftChanged');
    }
    throw error;
  }
}

async function replayOf(draft: HearingDraft): Promise<{ request: HearingRequest; replayed: boolean }> {
  const request = draft.requestId ? await findRequest(draft.requestId) : undefined;
  // The request was removed since (retention): the draft is gone as well.
  if (!request) throw new Conflict('hearing.draftSubmitted', { requestId: draft.requestId ?? '' });
  return { request, replayed: true };
}
