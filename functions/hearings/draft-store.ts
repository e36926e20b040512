// DynamoDB for drafts of hearing requests (keys and index attributes in table.ts). A
// draft is one item; its submission is store.ts's submitRequest() with the draft's
// tombstone written in the same transaction (draftSubmittedItem), so a draft becomes
// exactly one request.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { ddb, guarded } from '../shared/ddb';
import { type Sealed, open, seal } from '../shared/envelope';
import { Conflict, NotFound } from '../shared/errors';
import type { TransactItems } from '../shared/retry';
import { DRAFT_DAYS, type HearingDraft, TOMBSTONE_DAYS, expiryOf } from './draft';
import './draft-messages';
import { draftKey, draftsPk, hearingDraftEntity, hearingsTable } from './table';

const TableName = tableNameOf(hearingsTable);

/** How many open drafts one applicant may keep (a list, not a store of documents). */
export const MAX_DRAFTS = 100;

// A draft holds what the applicant typed, confidential participants' names and
// organisations included: they are kept sealed like a request's (confidential.ts), bound
// to the draft's id, and opened only for its owner. The table never holds them in the clear.
type StoredDraft = HearingDraft & { sealedNames?: Sealed };
const draftContext = (id: string) => ({ docket: 'hearing-draft', draftId: id });
type DraftParticipant = NonNullable<NonNullable<HearingDraft['request']>['participants']>[number];
/** Per participant: null, or what is sealed of a confidential one. A bare string (a name) is how the first drafts were sealed, and is still read. */
type DraftEntry = string | { name?: string; organization?: string } | null;

async function sealed(draft: HearingDraft): Promise<StoredDraft> {
  const participants = draft.request?.participants;
  const entries: DraftEntry[] = (participants ?? []).map((p) => (p.confidential && (p.name || p.organization) ? { name: p.name, organization: p.organization } : null));
  if (!participants || !entries.some((n) => n)) return draft;
  return {
    ...draft,
    request: {
      ...draft.request,
      participants: participants.map((p, i): DraftParticipant => {
        if (!entries[i]) return p;
        const { organization: _organization, ...kept } = p;
        return { ...kept, name: '' };
      }),
    },
    sealedNames: await seal(JSON.stringify(entries), draftContext(draft.id)),
  };
}

function reopened(p: DraftParticipant, entry: DraftEntry | undefined): DraftParticipant {
  if (entry === null || entry === undefined) return p;
  if (typeof entry === 'string') return { ...p, name: entry };
  return { ...p, ...(entry.name !== undefined ? { name: entry.name } : {}), ...(entry.organization !== undefined ? { organization: entry.organization } : {}) };
}

async function opened(stored: StoredDraft): Promise<HearingDraft> {
  const { sealedNames, ...draft } = stored;
  if (!sealedNames || !draft.request?.participants) return draft;
  const entries = JSON.parse(await open(sealedNames, draftContext(draft.id))) as DraftEntry[];
  return { ...draft, request: { ...draft.request, participants: draft.request.participants.map((p, i) => reopened(p, entries[i])) } };
}

const isConditionFailure = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

export async function findDraft(id: string): Promise<HearingDraft | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: draftKey(id), ConsistentRead: true })));
  return Item ? opened(hearingDraftEntity.strip(Item) as StoredDraft) : undefined;
}

export async function getDraft(id: string): Promise<HearingDraft> {
  const draft = await findDraft(id);
  if (!draft) throw new NotFound('hearing.draftNotFound', { id });
  return draft;
}

export async function createDraft(draft: HearingDraft): Promise<HearingDraft> {
  const item = hearingDraftEntity.item(await sealed(draft));
  await guarded(() => ddb.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
  return draft;
}

/** Replaces an open draft of its owner; with `expectedVersion`, only if nobody saved it since. */
export async function replaceDraft(next: HearingDraft, expectedVersion?: number): Promise<HearingDraft> {
  const item = hearingDraftEntity.item(await sealed(next));
  const condition = ['ownerSub = :owner', '#status = :draft', ...(expectedVersion !== undefined ? ['version = :version'] : [])].join(' AND ');
  try {
    await guarded(() =>
      ddb.send(
        new PutCommand({
          TableName,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':owner': next.ownerSub, ':draft': 'draft', ...(expectedVersion !== undefined ? { ':version': expectedVersion } : {}) },
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new Conflict('hearing.draftChanged');
    throw error;
  }
  return next;
}

export async function deleteDraft(id: string, ownerSub: string): Promise<void> {
  try {
    await guarded(() =>
      ddb.send(
        new DeleteCommand({
          TableName,
          Key: draftKey(id),
          ConditionExpression: 'ownerSub = :owner AND #status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':owner': ownerSub, ':draft': 'draft' },
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new Conflict('hearing.draftChanged');
    throw error;
  }
}

/**
 * How many open drafts the owner keeps, counted up to `upTo` (a submitted draft leaves the
 * owner's index). Read before a new draft is written, so drafts created at the same
 * instant may pass it together: a cap against a runaway client, not an exact invariant.
 */
export async function countDrafts(ownerSub: string, upTo: number): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() =>
      ddb.send(
        new QueryCommand({ TableName, IndexName: 'byOwner', KeyConditionExpression: 'ownerPk = :pk', ExpressionAttributeValues: { ':pk': draftsPk(ownerSub) }, Select: 'COUNT', Limit: upTo - count, ExclusiveStartKey }),
      ),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && count < upTo);
  return count;
}

/** An owner's open drafts, newest first (at most MAX_DRAFTS). */
export async function listDrafts(ownerSub: string): Promise<HearingDraft[]> {
  const page = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'ownerPk = :pk',
        ExpressionAttributeValues: { ':pk': draftsPk(ownerSub) },
        ScanIndexForward: false,
        Limit: MAX_DRAFTS,
      }),
    ),
  );
  return Promise.all((page.Items ?? []).map((item) => opened(hearingDraftEntity.strip(item) as StoredDraft)));
}

/** Fresh expiry for a draft saved at `now`. */
export const draftExpiry = (now: Date) => expiryOf(now, DRAFT_DAYS);

/**
 * The transaction item that turns the draft (still open, at `version`) into the
 * tombstone of request `requestId`: it leaves the owner's list, drops its copy of the
 * fields and expires in a week.
 */
export function draftSubmittedItem(draft: HearingDraft, requestId: string, now: Date): TransactItems[number] {
  const update = hearingDraftEntity.update(
    { status: 'submitted', requestId, updatedAt: now.toISOString(), expiresAt: expiryOf(now, TOMBSTONE_DAYS), version: draft.version + 1 },
    { ownerSub: draft.ownerSub },
  );
  return {
    Update: {
      TableName,
      Key: draftKey(draft.id),
      // The tombstone keeps no copy of the request (names of confidential participants included).
      UpdateExpression: `SET ${update.set} REMOVE ${[update.remove, '#drequest', 'sealedNames'].filter(Boolean).join(', ')}`,
      ConditionExpression: '#dstatus = :draft AND #dversion = :dversion AND ownerSub = :downer',
      ExpressionAttributeNames: { ...update.names, '#dstatus': 'status', '#dversion': 'version', '#drequest': 'request' },
      ExpressionAttributeValues: { ...update.values, ':draft': 'draft', ':dversion': draft.version, ':downer': draft.ownerSub },
    },
  };
}
