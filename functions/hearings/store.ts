// The only module that speaks DynamoDB for hearing requests. Every status change is a
// conditional write on the current status (and version), in one transaction with its
// outbox message. Scheduling uses listAcceptedRequests() and scheduleRequestsItems();
// nobody else sees this table's keys.
import { createHash } from 'node:crypto';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { type DocClient, ddb, guarded, raceDdb } from '../shared/ddb';
import { Conflict, NotFound, RuleBroken } from '../shared/errors';
import { type Budget, IdempotentWrite, RETRY, type TransactItems, budgetOf, classify, retrying, transactRetrying } from '../shared/retry';
import { outboxPut } from '../notifications/outbox';
import type { OutgoingMessage } from '../notifications/message';
import './messages';
import type { Lang } from '../shared/messages';
import type { HearingRequest, HistoryEntry, Slot, Status } from './request';
import { type StoredTemplate, type TemplateKind, type TemplateSet, templateId } from './templates';
import {
  ENTITY_REQUEST,
  type IndexName,
  hearingsTable,
  idempotencyKey,
  NOTE_PREFIX,
  noteKey,
  ownerPk,
  releasePk,
  TEMPLATE_PK,
  templateKey,
  hearingRequestEntity,
  requestKey,
  sessionPk,
  statePk,
  statePointerKey,
  statusPk,
} from './table';

const TableName = tableNameOf(hearingsTable);
type Mail = Omit<OutgoingMessage, 'id'>;
type Item = Record<string, unknown>;

/** How long a submission's Idempotency-Key is remembered. */
const IDEMPOTENCY_SECONDS = 7 * 24 * 3600;
const toRequest = (item: Item): HearingRequest => hearingRequestEntity.strip(item);
const requestItem = (request: HearingRequest) => hearingRequestEntity.item(request);
const pointerPut = (id: string, state: string) => ({ Put: { TableName, Item: { ...statePointerKey(id, state), statePk: statePk(state), id } } });
const pointerDelete = (id: string, state: string) => ({ Delete: { TableName, Key: statePointerKey(id, state) } });

export async function findRequest(id: string): Promise<HearingRequest | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: requestKey(id), ConsistentRead: true })));
  return Item ? toRequest(Item) : undefined;
}

export async function getRequest(id: string): Promise<HearingRequest> {
  const request = await findRequest(id);
  if (!request) throw new NotFound('hearing.notFound', { id });
  return request;
}

/** A fingerprint of what was asked, so a key reused for a different body is refused. */
export const fingerprintOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

export interface Idempotency {
  sub: string;
  key: string;
  fingerprint: string;
}

/** The first response to a submission with this key, if there was one. */
export async function replayOf(idem: Idempotency): Promise<HearingRequest | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: idempotencyKey(idem.sub, idem.key), ConsistentRead: true })));
  if (!Item) return undefined;
  if (Item.fingerprint !== idem.fingerprint) throw new Conflict('hearing.idempotencyReused');
  return JSON.parse(String(Item.response)) as HearingRequest;
}

// The writes that retry lost races (shared/retry.ts): one attempt per call, every
// repeat decided by the retry policy within the request's budget; tests swap in a fake.
let db: DocClient = raceDdb;
export function useClient(client: DocClient): DocClient {
  const previous = db;
  db = client;
  return previous;
}

/** How long a write may go on retrying lost races: the caller's budget (the Lambda context's). */
export interface RetryOptions {
  budget?: Budget;
}


/** The one conditional transaction of shared/retry.ts, on this store's client. */
const conditionalTransaction = (what: string, items: TransactItems, onConflict: () => Error, options: RetryOptions) =>
  transactRetrying(db, what, items, onConflict, options.budget ?? budgetOf());

/**
 * Writes a new request, its State pointers, its acknowledgement and (with a key) the
 * idempotency record holding the response, all in one transaction. A retry with the
 * same key, even one racing the first, gets the first response and writes nothing.
 * Without `mail` (seeding only) nothing goes to the outbox.
 */
export async function submitRequest(
  request: HearingRequest,
  mail: Mail | undefined,
  now: Date,
  idem?: Idempotency,
  options: RetryOptions & { alongside?: TransactItems } = {},
): Promise<{ request: HearingRequest; replayed: boolean }> {
  const items: TransactItems = [
    { Put: { TableName, Item: requestItem(request), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...request.states.map((s) => pointerPut(request.id, s)),
    ...(mail ? [outboxPut(mail, now)] : []),
    // Written in the same transaction (a submitted draft's tombstone, say): both or neither.
    ...(options.alongside ?? []),
  ];
  if (idem) {
    items.unshift({
      Put: {
        TableName,
        Item: {
          ...idempotencyKey(idem.sub, idem.key),
          requestId: request.id,
          fingerprint: idem.fingerprint,
          response: JSON.stringify(request),
          expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const write = new IdempotentWrite<object>();
  return retrying(
    'hearing submission',
    async () => {
      const w = await write.next(() => ({}));
      try {
        // With its token: a submission of unknown outcome is sent again as it was and
        // answered as the first one was, never refused for its own landing.
        await db.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: w.token }));
        return { request, replayed: false };
      } catch (error) {
        write.failed(w, error);
        const c = classify(error);
        // Another submission with this key is committed (condition failed) or in flight
        // (transaction conflict): answer with its response once it is there.
        if (idem && ((c.failure === 'condition' && c.failedIndex === 0) || c.failure === 'conflict')) {
          const first = await replayOf(idem);
          if (first) return { request: first, replayed: true };
          if (c.failure === 'condition') return RETRY; // its record went meanwhile: go again
        }
        if (c.failure === 'condition') throw new Conflict('error.conflict');
        throw error; // conflicts, throttles, unknown outcomes: the policy's
      }
    },
    { budget: options.budget ?? budgetOf() },
  );
}

/** Replaces a submitted request after an edit, if nobody changed it since `expectedVersion`. */
export async function replaceRequest(next: HearingRequest, previous: HearingRequest, options: RetryOptions = {}): Promise<HearingRequest> {
  const removed = previous.states.filter((s) => !next.states.includes(s));
  const added = next.states.filter((s) => !previous.states.includes(s));
  await conditionalTransaction(
    'hearing edit',
    [
      {
        Put: {
          TableName,
          Item: requestItem(next),
          ConditionExpression: '#status = :submitted AND version = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':submitted': 'submitted', ':version': previous.version },
        },
      },
      ...removed.map((s) => pointerDelete(next.id, s)),
      ...added.map((s) => pointerPut(next.id, s)),
    ],
    () => new Conflict('hearing.changed'),
    options,
  );
  return next;
}

/**
 * Applies a decision to a request still `submitted` at `previous.version`. The decision is
 * held (`next.held`) until its Period's decisions are released, so no notice goes out now
 * (release.ts sends it); `mail` is for a decision released at once.
 */
export async function applyDecision(next: HearingRequest, previous: HearingRequest, entries: HistoryEntry[], mail: Mail | undefined, now: Date, options: RetryOptions = {}): Promise<HearingRequest> {
  const changes = { status: next.status, sessionNumber: next.sessionNumber, updatedAt: now.toISOString(), version: next.version };
  // Released at once: an earlier held decision goes (its index attribute with it).
  const update = next.held ? hearingRequestEntity.update({ ...changes, held: next.held }, { id: next.id }) : hearingRequestEntity.update(changes, { id: next.id }, ['held']);
  const remove = update.remove;
  await conditionalTransaction(
    'hearing decision',
    [
      {
        Update: {
          TableName,
          Key: requestKey(next.id),
          UpdateExpression: `SET ${update.set}, history = list_append(history, :entries)${remove ? ` REMOVE ${remove}` : ''}`,
          ConditionExpression: '#status = :submitted AND version = :version',
          ExpressionAttributeNames: { ...update.names, '#status': 'status' },
          ExpressionAttributeValues: {
            ...update.values,
            ':entries': entries,
            ':submitted': 'submitted',
            ':version': previous.version,
          },
        },
      },
      ...(mail ? [outboxPut(mail, now)] : []),
    ],
    () => new Conflict('hearing.changed'),
    options,
  );
  return next;
}

/**
 * Withdraws a request of `ownerSub`: allowed while submitted or accepted, and while
 * scheduled until the hearing starts. The condition repeats the rule so a race loses.
 */
export async function withdrawRequest(id: string, ownerSub: string, entry: HistoryEntry, now: Date, options: RetryOptions & { held?: Pick<HearingRequest, 'held' | 'history' | 'version'> } = {}): Promise<HearingRequest> {
  const held = options.held?.held;
  // A held decision goes with the withdrawal, and so does every trace of it: the applicant
  // was never told of it, so the request is withdrawn as the applicant saw it (its Period,
  // its history up to the decision: the decision's reason never reaches the applicant),
  // and only at the version read, so a release landing meanwhile is not wiped.
  const update = held
    ? hearingRequestEntity.update(
        { status: 'withdrawn', updatedAt: now.toISOString(), sessionNumber: held.from, history: [...options.held!.history.slice(0, held.historyLength), entry] },
        { id },
        ['held', 'slot'],
      )
    : hearingRequestEntity.update({ status: 'withdrawn', updatedAt: now.toISOString() }, { id });
  const command = held
    ? new UpdateCommand({
        TableName,
        Key: requestKey(id),
        UpdateExpression: `SET ${update.set} REMOVE ${update.remove} ADD version :one`,
        ConditionExpression: 'ownerSub = :owner AND attribute_exists(held) AND version = :version',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: { ...update.values, ':one': 1, ':owner': ownerSub, ':version': options.held!.version },
        ReturnValues: 'ALL_NEW',
      })
    : new UpdateCommand({
    TableName,
    Key: requestKey(id),
    UpdateExpression: `SET ${update.set}, history = list_append(history, :entries) ADD version :one`,
    ConditionExpression:
      // No decision held since it was read: one held meanwhile is the other branch's (409, read again).
      'ownerSub = :owner AND attribute_not_exists(held) AND (#status IN (:submitted, :accepted, :infoRequested) OR (#status = :scheduled AND (attribute_not_exists(slot) OR slot.#start > :now)))',
    ExpressionAttributeNames: { ...update.names, '#status': 'status', '#start': 'start' },
    ExpressionAttributeValues: {
      ...update.values,
      ':now': now.toISOString(),
      ':entries': [entry],
      ':one': 1,
      ':owner': ownerSub,
      ':submitted': 'submitted',
      ':accepted': 'accepted',
      ':scheduled': 'scheduled',
      ':infoRequested': 'info_requested',
    },
    ReturnValues: 'ALL_NEW',
  });
  return retrying(
    'hearing withdrawal',
    async ({ uncertain }) => {
      // A single-item write has no ClientRequestToken: after an attempt of unknown
      // outcome, the stored request says whether it landed (its history ends with this
      // very entry), so its repeat is not refused by its own landing.
      if (uncertain) {
        const { Item } = await db.send(new GetCommand({ TableName, Key: requestKey(id), ConsistentRead: true }));
        const stored = Item ? toRequest(Item) : undefined;
        const last = stored?.history.at(-1);
        if (stored?.status === 'withdrawn' && last?.at === entry.at && last.by === entry.by && last.status === entry.status) return stored;
      }
      try {
        const { Attributes } = await db.send(command);
        return toRequest(Attributes ?? {});
      } catch (error) {
        if (classify(error).failure === 'condition') throw new Conflict('hearing.changed');
        throw error; // conflicts, throttles, unknown outcomes: the policy's
      }
    },
    { budget: options.budget ?? budgetOf() },
  );
}

// Listing: one index per filter, newest first, the cursor being the index position.
export interface ListQuery {
  /** Only this owner's requests (applicants); undefined for the secretariat. */
  ownerSub?: string;
  sessionNumber?: number;
  status?: Status;
  state?: string;
  limit: number;
  cursor?: string;
}

interface Plan {
  index: IndexName;
  partition: [string, string];
  sortPrefix?: [string, string];
  filters: string[];
  values: Record<string, unknown>;
}

function planOf(q: ListQuery): Plan {
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const filter = (expression: string, name: string, value: unknown) => {
    filters.push(expression);
    values[name] = value;
  };
  if (q.ownerSub) {
    // The owner filters the request as it sees it (view.ts asApplicantSees): a held
    // decision is `submitted` in the Period it was decided in, so neither its outcome nor
    // the Period it was deferred to may select it.
    if (q.sessionNumber !== undefined) filter('((attribute_not_exists(#held) AND sessionNumber = :fSession) OR #held.#from = :fSession)', ':fSession', q.sessionNumber);
    if (q.status) filter(q.status === 'submitted' ? '(#status = :fStatus OR attribute_exists(#held))' : '(#status = :fStatus AND attribute_not_exists(#held))', ':fStatus', q.status);
    if (q.state) filter('contains(#states, :fState)', ':fState', q.state);
    return { index: 'byOwner', partition: ['ownerPk', ownerPk(q.ownerSub)], filters, values };
  }
  if (q.sessionNumber !== undefined) {
    if (q.state) filter('contains(#states, :fState)', ':fState', q.state);
    return q.status
      ? { index: 'bySessionStatus', partition: ['sessionPk', sessionPk(q.sessionNumber)], sortPrefix: ['statusSk', `${q.status}#`], filters, values }
      : { index: 'bySession', partition: ['sessionPk', sessionPk(q.sessionNumber)], filters, values };
  }
  if (q.status) {
    if (q.state) filter('contains(#states, :fState)', ':fState', q.state);
    return { index: 'byStatus', partition: ['statusPk', statusPk(q.status)], filters, values };
  }
  if (q.state) return { index: 'byState', partition: ['statePk', statePk(q.state)], filters, values };
  return { index: 'byTime', partition: ['entityPk', ENTITY_REQUEST], filters, values };
}

const badCursor = () => new RuleBroken('error.validation', {}, [{ path: 'cursor', key: 'rule.hearing.cursor' }]);

function decodeCursor(cursor: string, plan: Plan): Item {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { i, k } = (parsed ?? {}) as { i?: unknown; k?: unknown };
  // A cursor from another query (or forged) must not steer the read elsewhere.
  if (i !== plan.index || !k || typeof k !== 'object') throw badCursor();
  const key = k as Record<string, unknown>;
  if (key[plan.partition[0]] !== plan.partition[1] || Object.values(key).some((v) => typeof v !== 'string')) throw badCursor();
  if (Object.keys(key).length > 4) throw badCursor();
  return key;
}

const encodeCursor = (index: IndexName, key: Item) => Buffer.from(JSON.stringify({ i: index, k: key }), 'utf8').toString('base64url');

async function batchGet(ids: string[]): Promise<HearingRequest[]> {
  if (ids.length === 0) return [];
  const found = new Map<string, HearingRequest>();
  let keys: Item[] = ids.map(requestKey);
  // Unprocessed keys are DynamoDB's throttle of a batch: asked again by the retry policy.
  await retrying(
    'hearing batch read',
    async () => {
      const batch: Item[] = keys;
      const result = await guarded(() => ddb.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: batch, ConsistentRead: true } } })));
      for (const item of result.Responses?.[TableName] ?? []) found.set(String(item.id), toRequest(item));
      keys = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Item[];
      return keys.length ? RETRY : true;
    },
    { budget: budgetOf() },
  );
  return ids.map((id) => found.get(id)).filter((r): r is HearingRequest => !!r);
}

// Filtered lists read on until the page is full: a FilterExpression is applied after the
// read, so one Query of `limit` items can match none of them (20,000 requests took 1,001
// calls to page through). The first read evaluates FIRST_READ items, the next ones as many
// as the match rate seen so far says the page still needs (within [limit, MAX_READ]: a
// read past the page's end is thrown away and read again by the next page); past
// READ_BUDGET reads a partly filled page is returned, while an empty one keeps reading
// (1 MB a call, what DynamoDB allows) until something matches or the partition ends: a
// page with a cursor is never empty. The answer holds at most `limit` (≤ 100) requests,
// well under 1 MB and Lambda's 6 MB.
const FIRST_READ = 250;
const MAX_READ = 1_000;
const READ_BUDGET = 4;

/** The index position of a row (table key plus the index's own key), for a cursor. */
function positionOf(index: IndexName, row: Item): Item {
  const def = hearingsTable.indexes.find((i) => i.name === index)!;
  const names = ['pk', 'sk', def.partitionKey, def.sortKey].filter((n): n is string => !!n);
  return Object.fromEntries(names.map((n) => [n, row[n]]));
}

export async function listRequests(q: ListQuery): Promise<{ items: HearingRequest[]; nextCursor?: string }> {
  const plan = planOf(q);
  const names: Record<string, string> = { '#pk': plan.partition[0] };
  const values: Record<string, unknown> = { ':pk': plan.partition[1], ...plan.values };
  let condition = '#pk = :pk';
  if (plan.sortPrefix) {
    names['#sk'] = plan.sortPrefix[0];
    values[':sk'] = plan.sortPrefix[1];
    condition += ' AND begins_with(#sk, :sk)';
  }
  const filter = plan.filters.join(' AND ');
  if (filter.includes('#status')) names['#status'] = 'status';
  if (filter.includes('#states')) names['#states'] = 'states';
  if (filter.includes('#held')) names['#held'] = 'held';
  if (filter.includes('#from')) names['#from'] = 'from';
  const rows: Item[] = [];
  let start: Item | undefined = q.cursor ? decodeCursor(q.cursor, plan) : undefined;
  let truncated = false;
  let evaluated = 0;
  for (let read = 0; rows.length < q.limit; read++) {
    if (filter && read >= READ_BUDGET && rows.length > 0) break;
    const need = q.limit - rows.length;
    // Without a filter every item read is returned, so read exactly what is missing.
    const perMatch = evaluated / Math.max(1, rows.length);
    const span = read === 0 ? FIRST_READ : Math.min(MAX_READ, Math.max(q.limit, Math.ceil(need * perMatch * 1.2)));
    const Limit = !filter ? need : read < READ_BUDGET ? span : undefined;
    const input: QueryCommandInput = {
      TableName,
      IndexName: plan.index,
      KeyConditionExpression: condition,
      FilterExpression: filter || undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit,
      ExclusiveStartKey: start,
    };
    const page = await guarded(() => ddb.send(new QueryCommand(input)));
    const found = page.Items ?? [];
    evaluated += page.ScannedCount ?? 0;
    if (found.length > need) truncated = true;
    rows.push(...found.slice(0, need));
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  // A page cut short of what was read resumes right after its last item; otherwise every
  // item between that one and the read position failed the filter, so the read position
  // is the same place, minus the re-reading.
  const last = rows[rows.length - 1];
  const resumeAt = truncated ? positionOf(plan.index, last) : rows.length ? start : undefined;
  const items = plan.index === 'byState' ? await batchGet(rows.map((r) => String(r.id))) : rows.map(toRequest);
  return { items, nextCursor: resumeAt ? encodeCursor(plan.index, resumeAt) : undefined };
}

/** For scheduling: every request of a session that is accepted or already scheduled (all pages). */
export async function listAcceptedRequests(sessionNumber: number): Promise<HearingRequest[]> {
  const all: HearingRequest[] = [];
  for (const status of ['accepted', 'scheduled'] as const) {
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await guarded(() =>
        ddb.send(
          new QueryCommand({
            TableName,
            IndexName: 'bySessionStatus',
            KeyConditionExpression: 'sessionPk = :pk AND begins_with(statusSk, :status)',
            ExpressionAttributeValues: { ':pk': sessionPk(sessionNumber), ':status': `${status}#` },
            ExclusiveStartKey,
          }),
        ),
      );
      all.push(...(page.Items ?? []).map(toRequest));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * For scheduling: TransactWriteItems entries that set each request `scheduled` with its
 * slot and a history entry, each conditional on the request being accepted or
 * scheduled, so publishing a schedule is one transaction with the scheduler's own items.
 */
export function scheduleRequestsItems(entries: { id: string; slot: Slot }[], by: string, now: Date) {
  const at = now.toISOString();
  return entries.map(({ id, slot }) => {
    const update = hearingRequestEntity.update({ status: 'scheduled', slot: { start: slot.start, end: slot.end, room: slot.room }, updatedAt: at }, { id });
    return {
    Update: {
      TableName,
      Key: requestKey(id),
      UpdateExpression: `SET ${update.set}, history = list_append(history, :entries) ADD version :one`,
      ConditionExpression: '#status IN (:accepted, :scheduled)',
      ExpressionAttributeNames: { ...update.names, '#status': 'status' },
      ExpressionAttributeValues: {
        ...update.values,
        ':scheduled': 'scheduled',
        ':accepted': 'accepted',
        ':entries': [{ at, status: 'scheduled', by } satisfies HistoryEntry],
        ':one': 1,
      },
    },
    };
  });
}

// Review apart from deciding (issue 15): questions, assignment, scores, notes, notice
// templates and the release of a Period's held decisions.

/**
 * Writes `next` over `previous` if nobody changed it since (its version) and it is still
 * in one of `statuses`, with its mails, in one transaction. The State pointers stay: a
 * review never changes the States.
 */
export async function saveRequest(next: HearingRequest, previous: HearingRequest, statuses: readonly Status[] | undefined, mails: Mail[], now: Date, what: string, options: RetryOptions = {}): Promise<HearingRequest> {
  const values: Record<string, unknown> = { ':version': previous.version };
  const names: Record<string, string> = {};
  let condition = 'version = :version';
  if (statuses) {
    names['#status'] = 'status';
    statuses.forEach((s, i) => (values[`:s${i}`] = s));
    condition += ` AND #status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`;
  }
  await conditionalTransaction(
    what,
    [
      {
        Put: {
          TableName,
          Item: requestItem(next),
          ConditionExpression: condition,
          ExpressionAttributeNames: statuses ? names : undefined,
          ExpressionAttributeValues: values,
        },
      },
      ...mails.map((m) => outboxPut(m, now)),
    ],
    () => new Conflict('hearing.changed'),
    options,
  );
  return next;
}

export interface Note {
  id: string;
  text: string;
  /** Shared with the commissioners; otherwise the secretariat's alone. */
  shared: boolean;
  at: string;
  by: string;
  byEmail: string;
}

/** Every item a Query finds, page by page, each handed to `visit` (nothing is kept here). */
async function queryEach(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, visit: (item: Item) => void): Promise<void> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await guarded(() => ddb.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey })));
    for (const item of page.Items ?? []) visit(item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

export async function putNote(requestId: string, note: Note): Promise<Note> {
  await guarded(() => ddb.send(new PutCommand({ TableName, Item: { ...noteKey(requestId, note.id), ...note }, ConditionExpression: 'attribute_not_exists(pk)' })));
  return note;
}

/** A request's notes, oldest first (all pages: a request gathers a few dozen at most). */
export async function listNotes(requestId: string): Promise<Note[]> {
  const notes: Note[] = [];
  await queryEach(
    { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)', ExpressionAttributeValues: { ':pk': requestKey(requestId).pk, ':note': NOTE_PREFIX } },
    ({ pk: _pk, sk: _sk, ...note }) => void notes.push(note as unknown as Note),
  );
  return notes;
}

export async function listTemplates(): Promise<StoredTemplate[]> {
  const page = await guarded(() => ddb.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': TEMPLATE_PK } })));
  // Six kinds in four languages: far under one page.
  return (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...t }) => t as StoredTemplate);
}

/** The stored templates as a renderer takes them. */
export async function templateSet(): Promise<TemplateSet> {
  return new Map((await listTemplates()).map((t) => [templateId(t.kind, t.lang), { subject: t.subject, text: t.text }]));
}

export async function putTemplate(template: StoredTemplate): Promise<StoredTemplate> {
  await guarded(() => ddb.send(new PutCommand({ TableName, Item: { ...templateKey(template.kind, template.lang), ...template } })));
  return template;
}

export async function deleteTemplate(kind: TemplateKind, lang: Lang): Promise<void> {
  await guarded(() => ddb.send(new DeleteCommand({ TableName, Key: templateKey(kind, lang) })));
}

/** Every request of a Period whose decision is held (the sparse byRelease index, all pages). */
export async function listHeld(sessionNumber: number): Promise<HearingRequest[]> {
  const ids: string[] = [];
  await queryEach(
    { IndexName: 'byRelease', KeyConditionExpression: 'releasePk = :pk', ExpressionAttributeValues: { ':pk': releasePk(sessionNumber) }, ProjectionExpression: 'id' },
    (item) => void ids.push(String(item.id)),
  );
  // The index is eventually consistent: the items themselves are read consistently, and
  // one released meanwhile no longer holds a decision.
  const requests: HearingRequest[] = [];
  for (let i = 0; i < ids.length; i += 100) requests.push(...(await batchGet(ids.slice(i, i + 100))));
  return requests.filter((r) => r.held);
}

/**
 * Releases one held decision: the request stops holding it and its notice goes to the
 * outbox, in one transaction conditional on the decision still being held at this
 * version. False when it was released (or changed) meanwhile: a repeated release sends
 * nothing twice.
 */
export async function releaseDecision(request: HearingRequest, mail: Mail, now: Date, options: RetryOptions = {}): Promise<boolean> {
  try {
    await conditionalTransaction(
      'hearing decision release',
      [
        {
          Update: {
            TableName,
            Key: requestKey(request.id),
            UpdateExpression: 'SET updatedAt = :now REMOVE held, releasePk ADD version :one',
            ConditionExpression: 'attribute_exists(held) AND version = :version',
            ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1, ':version': request.version },
          },
        },
        outboxPut(mail, now),
      ],
      () => new Conflict('hearing.changed'),
      options,
    );
    return true;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

/** Every request of a session, page by page (bySession), each handed to `visit` and not kept. */
export async function forEachSessionRequest(sessionNumber: number, visit: (r: HearingRequest) => void): Promise<void> {
  await queryEach({ IndexName: 'bySession', KeyConditionExpression: 'sessionPk = :pk', ExpressionAttributeValues: { ':pk': sessionPk(sessionNumber) } }, (item) => visit(toRequest(item)));
}
