// The only module that speaks DynamoDB for E-Vote. Every change of a ballot is one
// TransactWriteItems that also appends its audit entry: the entry's key is its seq and
// the Put is conditional on attribute_not_exists, so two writers can never both take
// seq n (no fork) and a writer that lost the race retries with the next seq (no gap).
// The ballot item carries the audit head (auditSeq, auditHash) written in the same
// transactions, so the next seq is read with the ballot in one consistent GetItem.
import { randomBytes } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { tableNameOf } from '../shared/config';
import { type DocClient, ddb, guarded, queryAll, raceDdb } from '../shared/ddb';
import { commissioner } from '../shared/commissioners';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../shared/errors';
import { outboxPut } from '../notifications/outbox';
import { type Budget, IdempotentWrite, RETRY, budgetOf, classify, retrying } from '../shared/retry';
import { type AuditEntry, type AuditType, makeReceipt, nextEntry } from './audit';
import {
  type Ballot,
  type Choice,
  type Recusal,
  type Result,
  type VoteInput,
  assertCanOpen,
  assertCanRecuse,
  assertCanVoid,
  assertCanVote,
  closeDecision,
  eligibleIds,
  resultOf,
} from './ballot';
import { REMINDER_LEAD_MS, openedNotices, reminderNotices } from './notices';
import './messages';
import {
  AUDIT_PREFIX,
  LIST_PARTITION,
  OPEN_PARTITION,
  VOTER_PREFIX,
  VOTE_PREFIX,
  auditKey,
  ballotEntity,
  ballotKey,
  ballotPk,
  evoteTable,
  receiptsKey,
  voteKey,
  voterKey,
} from './table';

const TableName = tableNameOf(evoteTable);
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AuditHead {
  seq: number;
  hash: string;
}
interface Stored {
  ballot: Ballot;
  head: AuditHead;
}

function fromItem(item: Record<string, unknown>): Stored {
  const { auditSeq, auditHash, ...ballot } = ballotEntity.strip(item) as Ballot & { auditSeq?: unknown; auditHash?: unknown };
  return { ballot, head: { seq: Number(auditSeq), hash: String(auditHash) } };
}

// The writes that retry lost races (shared/retry.ts) and the reads inside them: one
// attempt per call, every repeat decided by the retry policy; tests swap in a fake.
let db: DocClient = raceDdb;
export function useClient(client: DocClient): DocClient {
  const previous = db;
  db = client;
  return previous;
}

/** How long a change may go on retrying lost races: the caller's budget (the Lambda context's). */
export interface RetryOptions {
  budget?: Budget;
}

async function readBallot(id: string, client: DocClient = ddb): Promise<Stored> {
  const { Item } = await guarded(() => client.send(new GetCommand({ TableName, Key: ballotKey(id), ConsistentRead: true })));
  if (!Item) throw new NotFound('evote.notFound', { id });
  return fromItem(Item);
}

/** A ballot as the API shows it once closed: secret ballots get their published receipts. */
export async function getBallot(id: string): Promise<Ballot> {
  const { ballot } = await readBallot(id);
  return withReceipts(ballot);
}

async function withReceipts(ballot: Ballot): Promise<Ballot> {
  // Only a result with quorum has receipts (without quorum nothing per choice is published).
  if (ballot.status !== 'closed' || ballot.kind !== 'secret' || !ballot.result?.quorumMet) return ballot;
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: receiptsKey(ballot.id) })));
  return { ...ballot, result: { ...ballot.result, receipts: (Item?.receipts ?? []) as Result['receipts'] } };
}

const queryPrefix = (pk: string, prefix: string) =>
  queryAll({ TableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix }, ConsistentRead: true });

export interface BallotPage {
  ballots: Ballot[];
  nextCursor?: string;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** The list index's key of a ballot (the cursor names it by id): key attributes only. */
const listKeyOf = (id: string) => ({ ...ballotEntity.key(id), listPk: LIST_PARTITION, listSk: id });
/** Longest run of list reads for one page of a commissioner's list (drafts are skipped). */
const LIST_READ_BUDGET = 5;
const LIST_READ_LIMIT = 50;

/**
 * One page of ballots, newest first: one Query of the list index (a commissioner's page,
 * which leaves drafts out, reads on until full or a small budget is spent). The cursor
 * is the id of the last ballot returned; a page is never empty when a cursor is given.
 */
export async function listBallots(options: { limit: number; cursor?: string; includeDrafts: boolean }): Promise<BallotPage> {
  if (options.cursor !== undefined && !ULID.test(options.cursor)) {
    throw new RuleBroken('error.validation', {}, [{ path: 'cursor', key: 'rule.evote.cursor' }]);
  }
  const ballots: Ballot[] = [];
  let start: Record<string, unknown> | undefined = options.cursor ? listKeyOf(options.cursor) : undefined;
  // Read on past the budget only while the page is still empty, so a long run of drafts
  // never yields an empty page with a cursor (bounded all the same).
  for (let read = 0; (read < LIST_READ_BUDGET || ballots.length === 0) && read < LIST_READ_LIMIT && ballots.length < options.limit; read++) {
    const page = await guarded(() =>
      ddb.send(
        new QueryCommand({
          TableName,
          IndexName: 'list',
          KeyConditionExpression: 'listPk = :p',
          ...(options.includeDrafts ? {} : { FilterExpression: '#status <> :draft', ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: { ':p': LIST_PARTITION, ...(options.includeDrafts ? {} : { ':draft': 'draft' }) },
          ScanIndexForward: false,
          Limit: options.limit - ballots.length,
          ExclusiveStartKey: start,
        }),
      ),
    );
    ballots.push(...(page.Items ?? []).map((i) => fromItem(i).ballot));
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  // The cursor is the last ballot returned: the next page starts after it.
  return { ballots, ...(start && ballots.length ? { nextCursor: ballots[ballots.length - 1].id } : {}) };
}

/** Open ballots whose closesAt has come (the sparse `open` index; never a Scan). */
export async function dueBallots(now: Date): Promise<string[]> {
  const page = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        IndexName: 'open',
        KeyConditionExpression: 'openPk = :p AND openSk <= :now',
        ExpressionAttributeValues: { ':p': OPEN_PARTITION, ':now': now.toISOString() },
        ProjectionExpression: 'id',
        Limit: 100,
      }),
    ),
  );
  // A data directory seeded before the seed ids were fixed still holds ballots with ids
  // no route accepts: left alone rather than failed on every tick.
  return (page.Items ?? []).map((i) => String(i.id)).filter((id) => ULID.test(id));
}

// ---- the one write path: a change of the ballot plus its audit entries ----

interface BallotUpdate {
  /** Fields whose index attributes follow them (ballotEntity): set with those attributes. */
  fields?: Partial<Ballot>;
  set: string[];
  add?: string[];
  remove?: string[];
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}
interface Change {
  ballot: BallotUpdate;
  /** Other items of the transaction, each with the error to raise if its condition fails. */
  items?: { item: TransactItem; onFail: () => Error }[];
  /** Entries to append; `at` (the vote's cast time) defaults to the change's time. */
  audit: { type: AuditType; data: Record<string, unknown>; at?: string }[];
}

/**
 * Reads the ballot, asks `decide` for the change (decide throws the domain error when
 * the change is not allowed), and commits change + audit atomically. Lost races (seq
 * taken, ballot moved, transaction conflict) are retried on fresh state by the one
 * retry policy (shared/retry.ts), within the caller's budget; a transaction of unknown
 * outcome is sent again as it was, with its ClientRequestToken, so it cannot apply twice.
 */
async function commit<T>(
  id: string,
  now: () => Date,
  decide: (stored: Stored, at: Date) => Promise<{ change: Change; value: T }> | { change: Change; value: T },
  options: RetryOptions = {},
): Promise<T> {
  // After a lost race the ballot as it stood when the transaction was refused (returned
  // with the cancellation), so the retry needs no read of its own.
  let known: Stored | undefined;
  const write = new IdempotentWrite<{ items: TransactItem[]; change: Change; value: T }>();
  return retrying(
    'ballot change',
    async () => {
      const w = await write.next(async () => {
        const stored = known ?? (await readBallot(id, db));
        known = undefined;
        const at = now();
        const { change, value } = await decide(stored, at);
        return { items: changeItems(id, stored, change, at), change, value };
      });
      try {
        await db.send(new TransactWriteCommand({ TransactItems: w.items, ClientRequestToken: w.token }));
        return w.value;
      } catch (error) {
        write.failed(w, error);
        const c = classify(error);
        if (c.failure !== 'condition') throw error; // conflicts, throttles, unknown outcomes: the policy's
        const reasons = c.reasons ?? [];
        const failedItem = (w.change.items ?? []).findIndex((_, i) => reasons[i + 1] === 'ConditionalCheckFailed');
        if (failedItem >= 0) throw w.change.items![failedItem].onFail();
        const current = cancelledItem(error, 0);
        if (current && reasons[0] === 'ConditionalCheckFailed') known = fromItem(current);
        // The ballot moved or the seq was taken: read again and decide again (the domain
        // check then names any real conflict).
        return RETRY;
      }
    },
    { budget: options.budget ?? budgetOf() },
  );
}

/** The transaction of one change: the ballot's conditional update, the change's items, its audit entries. */
function changeItems(id: string, stored: Stored, change: Change, at: Date): TransactItem[] {
  let head: AuditHead = stored.head;
  const entries: AuditEntry[] = [];
  for (const a of change.audit) {
    const entry = nextEntry(head, a.type, a.data, a.at ? new Date(a.at) : at);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  const b = change.ballot;
  // The index attributes a changed field feeds come with it (open: openPk/openSk; closed
  // or void: removed), from the one declaration of the item.
  const indexed = b.fields ? ballotEntity.update(b.fields, stored.ballot) : undefined;
  const values: Record<string, unknown> = { ...b.values, ...indexed?.values, ':auditSeq': head.seq, ':auditHash': head.hash, ':prevSeq': stored.head.seq };
  let expression = `SET ${[...b.set, ...(indexed?.set ? [indexed.set] : []), 'auditSeq = :auditSeq', 'auditHash = :auditHash'].join(', ')}`;
  if (b.add?.length) expression += ` ADD ${b.add.join(', ')}`;
  const removed = [...(b.remove ?? []), ...(indexed?.remove ? [indexed.remove] : [])];
  if (removed.length) expression += ` REMOVE ${removed.join(', ')}`;
  return [
    {
      Update: {
        TableName,
        Key: ballotKey(id),
        UpdateExpression: expression,
        // The head must not have moved since it was read: a cheap way to lose early.
        ConditionExpression: `(${b.condition}) AND auditSeq = :prevSeq`,
        ExpressionAttributeNames: { '#status': 'status', ...b.names, ...indexed?.names },
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...(change.items ?? []).map((i) => i.item),
    ...entries.map((entry) => ({
      Put: { TableName, Item: { ...auditKey(id, entry.seq), ...entry }, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  ];
}

/** The item a cancelled transaction returned for its `index`th action (ALL_OLD). */
function cancelledItem(error: unknown, index: number): Record<string, unknown> | undefined {
  const item = (error as { CancellationReasons?: { Item?: Record<string, AttributeValue> }[] }).CancellationReasons?.[index]?.Item;
  return item ? unmarshall(item) : undefined;
}

// ---- ballots ----

export async function createBallot(ballot: Ballot): Promise<Ballot> {
  const entry = nextEntry(undefined, 'created', { ...ballot, automaticRecusals: Object.keys(ballot.recusals) }, new Date(ballot.createdAt));
  await guarded(() =>
    ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...ballotEntity.item(ballot), auditSeq: entry.seq, auditHash: entry.hash },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: { ...auditKey(ballot.id, entry.seq), ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    ),
  );
  return ballot;
}

export const newBallotId = (now: Date) => ulid(now.getTime());

/** `notify: false` (seeding only) opens without the commissioners' notices. */
export function openBallot(id: string, now: () => Date, options: { notify?: boolean } & RetryOptions = {}): Promise<Ballot> {
  return commit(id, now, ({ ballot }, at) => {
    assertCanOpen(ballot, at);
    const openedAt = at.toISOString();
    return {
      value: { ...ballot, status: 'open' as const, openedAt },
      change: {
        ballot: {
          fields: { status: 'open' },
          set: ['openedAt = :at'],
          condition: '#status = :draft',
          values: { ':draft': 'draft', ':at': openedAt },
        },
        // Every eligible member is told, in the same transaction as the open.
        items: (options.notify === false ? [] : openedNotices({ ...ballot, status: 'open' }, eligibleIds(ballot))).map((mail) => ({ item: outboxPut(mail, at), onFail: () => new Conflict('error.conflict') })),
        audit: [{ type: 'opened', data: { closesAt: ballot.closesAt, eligible: eligibleIds(ballot) } }],
      },
    };
  }, options);
}

export function recuse(id: string, commissionerId: string, reason: string, now: () => Date, options: RetryOptions = {}): Promise<Ballot> {
  return commit(id, now, ({ ballot }) => {
    assertCanRecuse(ballot, commissionerId);
    const recusal: Recusal = { reason, automatic: false };
    return {
      value: { ...ballot, recusals: { ...ballot.recusals, [commissionerId]: recusal } },
      change: {
        ballot: {
          set: ['recusals.#cid = :recusal'],
          condition: '#status IN (:draft, :open) AND attribute_not_exists(recusals.#cid)',
          names: { '#cid': commissionerId },
          values: { ':recusal': recusal, ':draft': 'draft', ':open': 'open' },
        },
        items: [
          {
            // A vote already cast is final: recusing its author afterwards is refused.
            item: { ConditionCheck: { TableName, Key: voterKey(id, commissionerId), ConditionExpression: 'attribute_not_exists(pk)' } },
            onFail: () => new Conflict('evote.recusedVoted', { commissionerId }),
          },
        ],
        audit: [{ type: 'recusal', data: { commissionerId, reason } }],
      },
    };
  }, options);
}

export interface CastVote {
  ballotId: string;
  choice: Choice;
  receipt: string;
  nonce: string;
  castAt: string;
}

/**
 * Casts a commissioner's one vote: one TransactWriteItems, no read before it. Named: the
 * participation marker holds the choice. Secret: the marker (who) and the anonymous vote
 * (what: choice, receipt, no id, no time, random key) are separate items of the same
 * transaction. Every rule is a condition of that transaction (open, before closesAt,
 * not recused, not voted yet); only a refused vote reads the ballot, to say why.
 *
 * Why no audit entry here (issue 17, votes under load): an entry per vote took the next
 * seq of the ballot's chain, so every vote on a ballot had to read the chain head and
 * all but one of simultaneous voters lost and retried (0.5–0.75 lost races per accepted
 * vote, measured). The chain is sealed while the ballot is open, so nobody can check it
 * before closing anyway: the close (or void) appends one `vote` entry per participation
 * marker, in casting order, with the same data as before, in the same transaction that
 * checks votesCast against the markers counted.
 */
export async function castVote(id: string, commissionerId: string | undefined, input: VoteInput, now: () => Date, options: RetryOptions = {}): Promise<CastVote> {
  if (!commissionerId || !commissioner(commissionerId)) throw new Forbidden('evote.notCommissioner');
  const cid = commissionerId;
  const { receipt, nonce } = makeReceipt(id, input.choice);
  const write = new IdempotentWrite<{ items: TransactItem[]; at: Date }>();
  return retrying(
    'vote',
    async () => {
      const w = await write.next(async () => {
        const at = now();
        const castAt = at.toISOString();
        const { stored, secret } = await kindOf(id);
        if (!stored) throw new NotFound('evote.notFound', { id });
        const marker = secret
          ? { ...voterKey(id, cid), commissionerId: cid, castAt }
          : { ...voterKey(id, cid), commissionerId: cid, castAt, choice: input.choice, explanation: input.explanation, receipt };
        const items: TransactItem[] = [
          {
            Update: {
              TableName,
              Key: ballotKey(id),
              UpdateExpression: 'ADD votesCast :one',
              ConditionExpression: '#status = :open AND closesAt > :now AND attribute_not_exists(recusals.#cid) AND #kind = :kind',
              ExpressionAttributeNames: { '#status': 'status', '#cid': cid, '#kind': 'kind' },
              ExpressionAttributeValues: { ':open': 'open', ':now': castAt, ':one': 1, ':kind': secret ? 'secret' : 'named' },
            },
          },
          { Put: { TableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' } },
        ];
        if (secret) {
          const anonymous = { ...voteKey(id, randomBytes(16).toString('hex')), choice: input.choice, receipt, explanation: input.explanation };
          items.push({ Put: { TableName, Item: anonymous, ConditionExpression: 'attribute_not_exists(pk)' } });
        }
        return { items, at };
      });
      try {
        // With its token: a vote whose outcome was unknown is sent again as it was and
        // answered as the first one was, never "already voted" for its own landing.
        await db.send(new TransactWriteCommand({ TransactItems: w.items, ClientRequestToken: w.token }));
        return { ballotId: id, choice: input.choice, receipt, nonce, castAt: w.at.toISOString() };
      } catch (error) {
        write.failed(w, error);
        const c = classify(error);
        if (c.failure !== 'condition') throw error; // conflicts, throttles, unknown outcomes: the policy's
        const reasons = c.reasons ?? [];
        if (reasons[1] === 'ConditionalCheckFailed') throw new Conflict('evote.alreadyVoted');
        if (reasons[0] === 'ConditionalCheckFailed') {
          // Refused by a rule: read the ballot to say which (recused, not open, too late).
          const { ballot } = await readBallot(id, db);
          assertCanVote(ballot, cid, w.at);
          // No rule names it (the kind read before was stale? it never changes): retry.
        }
        return RETRY;
      }
    },
    { budget: options.budget ?? budgetOf() },
  );
}

/**
 * The ballot's kind (fixed at creation), so the vote knows its items: cached per process,
 * since a ballot's kind never changes; one GetItem of two attributes the first time.
 */
const kinds = new Map<string, 'named' | 'secret'>();
async function kindOf(id: string): Promise<{ stored: boolean; secret: boolean }> {
  let kind = kinds.get(id);
  if (!kind) {
    const { Item } = await guarded(() => db.send(new GetCommand({ TableName, Key: ballotKey(id), ProjectionExpression: 'kind', ConsistentRead: true })));
    if (!Item) return { stored: false, secret: false };
    kind = Item.kind as 'named' | 'secret';
    if (kinds.size > 10_000) kinds.clear();
    kinds.set(id, kind);
  }
  return { stored: true, secret: kind === 'secret' };
}

/** The `vote` audit entries of a ballot's participation markers, in casting order. */
function voteEntries(ballot: Ballot, markers: Record<string, unknown>[]) {
  return [...markers]
    .sort((a, b) => String(a.castAt).localeCompare(String(b.castAt)) || String(a.commissionerId).localeCompare(String(b.commissionerId)))
    .map((m) => ({
      type: 'vote' as const,
      at: String(m.castAt),
      data:
        ballot.kind === 'secret'
          ? { commissionerId: String(m.commissionerId) }
          : { commissionerId: String(m.commissionerId), choice: m.choice, explanation: m.explanation, receipt: m.receipt },
    }));
}

/**
 * Closes an open ballot and records its result, counted from the stored votes (secret
 * ballots: the anonymous items). The close is conditional on votesCast being the number
 * of votes counted, so no vote can slip in between counting and closing.
 * `by: 'schedule'` is the automatic close: a no-op unless the ballot is open and due.
 */
export function closeBallot(id: string, by: 'secretariat' | 'schedule', now: () => Date, options: RetryOptions = {}): Promise<Ballot> {
  return commit(id, now, async ({ ballot }, at) => {
    if (closeDecision(ballot, by, at) === 'skip') throw new Skip(ballot);
    const pk = ballotPk(id);
    const eligible = eligibleIds(ballot).length;
    let result: Result;
    let counted: number;
    const markers = await queryPrefix(pk, VOTER_PREFIX);
    if (ballot.kind === 'named') {
      const votes = markers.map((v) => ({
        commissionerId: String(v.commissionerId),
        choice: v.choice as Choice,
        ...(v.explanation ? { explanation: String(v.explanation) } : {}),
      }));
      votes.sort((a, b) => (a.commissionerId < b.commissionerId ? -1 : 1));
      counted = votes.length;
      const published = resultOf(ballot.majority, votes.map((v) => v.choice), eligible);
      // Without quorum nothing per choice is published, named or secret.
      result = published.quorumMet ? { ...published, votes } : published;
    } else {
      const receipts = (await queryPrefix(pk, VOTE_PREFIX)).map((v) => ({
        receipt: String(v.receipt),
        choice: v.choice as Choice,
        ...(v.explanation ? { explanation: String(v.explanation) } : {}),
      }));
      receipts.sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
      counted = receipts.length;
      const published = resultOf(ballot.majority, receipts.map((r) => r.choice), eligible);
      result = published.quorumMet ? { ...published, receipts } : published;
    }
    // Each marker is one vote: a secret ballot whose anonymous votes and markers disagree
    // in number is refused (the votesCast condition below then holds for both).
    if (markers.length !== counted) throw new Conflict('error.conflict');
    const closedAt = at.toISOString();
    // Secret ballots: the receipts list goes to its own item, so the ballot item (which
    // names commissioners in its recusals) never holds a choice.
    const { receipts, ...stored } = result;
    const items: Change['items'] = receipts
      ? [{ item: { Put: { TableName, Item: { ...receiptsKey(id), receipts }, ConditionExpression: 'attribute_not_exists(pk)' } }, onFail: () => new Conflict('evote.closed') }]
      : [];
    return {
      value: { ...ballot, status: 'closed' as const, closedAt, closedBy: by, result },
      change: {
        items,
        ballot: {
          fields: { status: 'closed' },
          set: ['closedAt = :at', 'closedBy = :by', '#result = :result'],
          condition: '#status = :open AND votesCast = :counted',
          names: { '#result': 'result' },
          values: { ':open': 'open', ':at': closedAt, ':by': by, ':result': stored, ':counted': counted },
        },
        audit: [
          ...voteEntries(ballot, markers),
          { type: 'closed', data: { by, votesCast: counted, eligible } },
          { type: 'result', data: { ...result } },
        ],
      },
    };
  }, options).catch((error) => {
    if (error instanceof Skip) return error.ballot;
    throw error;
  });
}

/**
 * Voids a draft or open ballot: it publishes nothing, ever (no result, no counts, the
 * audit record stays sealed). The reason is recorded in the ballot and its audit chain.
 */
export function voidBallot(id: string, reason: string, now: () => Date, options: RetryOptions = {}): Promise<Ballot> {
  return commit(id, now, async ({ ballot }, at) => {
    assertCanVoid(ballot);
    const markers = await queryPrefix(ballotPk(id), VOTER_PREFIX);
    const voidedAt = at.toISOString();
    return {
      value: { ...ballot, status: 'void' as const, voidedAt, voidReason: reason },
      change: {
        ballot: {
          fields: { status: 'void' },
          set: ['voidedAt = :at', 'voidReason = :reason'],
          // No vote slips in between counting the markers and voiding.
          condition: '#status IN (:draft, :open) AND votesCast = :counted',
          values: { ':draft': 'draft', ':open': 'open', ':at': voidedAt, ':reason': reason, ':counted': markers.length },
        },
        audit: [...voteEntries(ballot, markers), { type: 'voided', data: { reason, votesCast: markers.length } }],
      },
    };
  }, options);
}

/**
 * The one-day reminder: to each eligible member who has not voted, at most once per
 * ballot (remindedAt, set in the same transaction as the outbox items). A no-op for a
 * ballot that is not open, already reminded, not yet within a day of closing, or that
 * opened within that last day (its opening notice was the reminder).
 */
export async function remindBallot(id: string, now: () => Date, options: RetryOptions = {}): Promise<{ ballot: Ballot; reminded: number }> {
  return commit(id, now, async ({ ballot }, at) => {
    const closes = Date.parse(ballot.closesAt);
    const due = at.getTime() >= closes - REMINDER_LEAD_MS && at.getTime() < closes;
    const openedLate = ballot.openedAt !== undefined && Date.parse(ballot.openedAt) >= closes - REMINDER_LEAD_MS;
    if (ballot.status !== 'open' || ballot.remindedAt || !due || openedLate) throw new Skip(ballot);
    const voted = new Set(await participation(id));
    const notVoted = eligibleIds(ballot).filter((cid) => !voted.has(cid));
    const remindedAt = at.toISOString();
    return {
      value: { ballot: { ...ballot, remindedAt }, reminded: notVoted.length },
      change: {
        ballot: {
          set: ['remindedAt = :at'],
          // votesCast unchanged: nobody voted between reading who voted and now.
          condition: '#status = :open AND attribute_not_exists(remindedAt) AND votesCast = :votes',
          values: { ':open': 'open', ':at': remindedAt, ':votes': ballot.votesCast },
        },
        items: reminderNotices(ballot, notVoted).map((mail) => ({ item: outboxPut(mail, at), onFail: () => new Conflict('error.conflict') })),
        // The chain records that reminders went out and how many, never to whom.
        audit: [{ type: 'reminded', data: { count: notVoted.length } }],
      },
    };
  }, options).catch((error) => {
    if (error instanceof Skip) return { ballot: error.ballot, reminded: 0 };
    throw error;
  });
}

/** Open ballots within a day of closing that have not been reminded (sparse `open` index). */
export async function remindersDue(now: Date): Promise<string[]> {
  const page = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        IndexName: 'open',
        KeyConditionExpression: 'openPk = :p AND openSk BETWEEN :now AND :soon',
        FilterExpression: 'attribute_not_exists(remindedAt)',
        ExpressionAttributeValues: { ':p': OPEN_PARTITION, ':now': now.toISOString(), ':soon': new Date(now.getTime() + REMINDER_LEAD_MS).toISOString() },
        ProjectionExpression: 'id, remindedAt',
        Limit: 100,
      }),
    ),
  );
  return (page.Items ?? []).map((i) => String(i.id)).filter((id) => ULID.test(id));
}

class Skip extends Error {
  constructor(readonly ballot: Ballot) {
    super('skip');
  }
}

// ---- reads for views ----

/**
 * Who has voted (participation only: never a choice). For the reminder, and shown only
 * for named ballots: during a secret ballot the secretariat sees the count, not who.
 */
export async function participation(id: string): Promise<string[]> {
  return (await queryPrefix(ballotPk(id), VOTER_PREFIX)).map((v) => String(v.commissionerId)).sort();
}

export interface MyVote {
  castAt: string;
  /** Named ballots only: a secret ballot keeps no link from a commissioner to a choice. */
  choice?: Choice;
  explanation?: string;
  receipt?: string;
}

export async function myVote(id: string, commissionerId: string): Promise<MyVote | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: voterKey(id, commissionerId), ConsistentRead: true })));
  return Item ? myVoteOf(Item) : undefined;
}

const myVoteOf = (Item: Record<string, unknown>): MyVote => ({
  castAt: String(Item.castAt),
  ...(Item.choice ? { choice: Item.choice as Choice, receipt: String(Item.receipt) } : {}),
  ...(Item.explanation ? { explanation: String(Item.explanation) } : {}),
});

/**
 * The caller's vote on each of `ids` in one BatchGetItem (a page is at most 100 ballots),
 * re-asking only for keys DynamoDB left unprocessed: constant calls per page.
 */
export async function myVotes(ids: readonly string[], commissionerId: string, options: RetryOptions = {}): Promise<Map<string, MyVote>> {
  const found = new Map<string, MyVote>();
  let keys: Record<string, unknown>[] = ids.map((id) => voterKey(id, commissionerId));
  if (!keys.length) return found;
  // Unprocessed keys are DynamoDB's throttle of a batch: asked again by the retry policy.
  return retrying(
    'my votes',
    async () => {
      const out = await guarded(() => ddb.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } })));
      for (const item of out.Responses?.[TableName] ?? []) found.set(String(item.pk).slice('BALLOT#'.length), myVoteOf(item));
      keys = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
      return keys.length ? RETRY : found;
    },
    { budget: options.budget ?? budgetOf() },
  );
}

export async function readAudit(id: string): Promise<{ ballot: Ballot; head: AuditHead; entries: AuditEntry[] }> {
  const { ballot, head } = await readBallot(id);
  const entries = (await queryPrefix(ballotPk(id), AUDIT_PREFIX)).map(({ seq, at, type, data, prevHash, hash }) => ({ seq, at, type, data, prevHash, hash }) as AuditEntry);
  return { ballot, head, entries };
}
