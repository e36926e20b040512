// The only module that speaks DynamoDB for the hearing day. Scheduling reads joining
// details (for its publication notices) and titles (for the public schedule) through
// joiningFor() and titlesForSession(); nobody else sees this table's keys.
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { ddb, guarded, queryAll } from '../shared/ddb';
import { Conflict } from '../shared/errors';
import type { Delegation, Joining, Segment, Titles } from './day';
import {
  delegationEntity,
  delegationKey,
  hearingDayTable,
  hearingItemsPk,
  joiningEntity,
  joiningKey,
  planEntity,
  planKey,
  recordEntity,
  recordsOf,
  reminderKey,
  titlesEntity,
  titlesOf,
  webcastEntity,
  webcastKey,
  viewingReminderKey,
} from './table';

// Resolved on first use, so a module that only renders mails (registrations/notices.ts
// through webcast.ts) loads without this table's variable.
let name: string | undefined;
const tableName = () => (name ??= tableNameOf(hearingDayTable));
type Item = Record<string, unknown>;

const get = async (Key: Record<string, string>): Promise<Item | undefined> => (await guarded(() => ddb.send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true })))).Item;
const put = (Item: Item) => guarded(() => ddb.send(new PutCommand({ TableName: tableName(), Item })));

export async function getJoining(id: string): Promise<Joining | undefined> {
  const item = await get(joiningKey(id));
  return item ? joiningEntity.strip(item) as Joining : undefined;
}

/** The joining details set for each of `ids` (those without any are absent). */
export async function joiningFor(ids: readonly string[]): Promise<Map<string, Joining>> {
  const out = new Map<string, Joining>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Item[] = ids.slice(i, i + 100).map(joiningKey);
    // Unprocessed keys are DynamoDB's throttle of a batch: a few rounds, then they are asked singly.
    for (let round = 0; keys.length > 0 && round < 3; round++) {
      const result = await guarded(() => ddb.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } })));
      for (const item of result.Responses?.[tableName()] ?? []) out.set(String(item.requestId), joiningEntity.strip(item) as Joining);
      keys = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Item[];
    }
    for (const key of keys) {
      const item = await get(key as Record<string, string>);
      if (item) out.set(String(item.requestId), joiningEntity.strip(item) as Joining);
    }
  }
  return out;
}

/** Joining details are the secretariat's to replace whole; the last one written is the one in force. */
export const putJoining = (joining: Joining) => put(joiningEntity.item(joining));

export async function getDelegation(id: string, state: string): Promise<Delegation | undefined> {
  const item = await get(delegationKey({ id, state }));
  return item ? delegationEntity.strip(item) as Delegation : undefined;
}

/**
 * Stores a State's delegation while the deadline has not passed. The deadline is in the
 * condition too (`:now` < `deadline` as stored with it), so a write racing the deadline
 * cannot land after it.
 */
export async function putDelegation(delegation: Delegation, deadline: string, now: Date, closed: () => Error): Promise<void> {
  await guarded(
    () =>
      ddb.send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...delegationEntity.item(delegation), deadline },
          ConditionExpression: ':now < :deadline',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':deadline': deadline },
        }),
      ),
    closed,
  );
}

export interface StoredPlan {
  requestId: string;
  segments: Segment[];
  revision: number;
  updatedAt: string;
}

export async function getPlan(id: string): Promise<StoredPlan | undefined> {
  const item = await get(planKey(id));
  return item ? planEntity.strip(item) as StoredPlan : undefined;
}

/** Replaces the plan if nobody changed it since `revision` (0: never stored). */
export async function putPlan(plan: StoredPlan, revision: number): Promise<void> {
  await guarded(
    () =>
      ddb.send(
        new PutCommand({
          TableName: tableName(),
          Item: planEntity.item(plan),
          ConditionExpression: revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :rev',
          ExpressionAttributeValues: revision === 0 ? undefined : { ':rev': revision },
        }),
      ),
    () => new Conflict('day.planChanged'),
  );
}

export interface StoredTitles {
  requestId: string;
  sessionNumber: number;
  titles: Titles;
  updatedAt: string;
}

export const putTitles = (t: StoredTitles) => put(titlesEntity.item(t));

/** Every hearing's titles in a Period, by request id (the public schedule reads them). */
export async function titlesForSession(n: number): Promise<Map<string, Titles>> {
  const { pk, prefix } = titlesOf(n);
  const items = await queryAll({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix } });
  return new Map(items.map((item) => [String(item.requestId), (item as unknown as StoredTitles).titles]));
}

/** What the archive keeps of a hearing held: its public snapshot, recording and summaries. */
export interface HearingRecord {
  requestId: string;
  sessionNumber: number;
  kind: string;
  states: string[];
  private: boolean;
  title: string;
  titles?: Titles;
  start?: string;
  end?: string;
  /** Public participants only: a confidential one is never copied here. */
  participants: { name: string; organization?: string; role: string }[];
  recordingUrl?: string;
  summary: Record<'es' | 'en' | 'pt' | 'fr', string>;
  recordedAt: string;
}

export const putRecord = (r: HearingRecord) => put(recordEntity.item(r));

export async function recordsForSession(n: number): Promise<HearingRecord[]> {
  const { pk, prefix } = recordsOf(n);
  const items = await queryAll({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix } });
  return items.map((item) => recordEntity.strip(item) as HearingRecord);
}

export interface Webcast {
  sessionNumber: number;
  url: string;
  updatedAt: string;
}

export const putWebcast = (w: Webcast) => put(webcastEntity.item(w));
export async function getWebcast(n: number): Promise<Webcast | undefined> {
  const item = await get(webcastKey(n));
  return item ? webcastEntity.strip(item) as Webcast : undefined;
}

/**
 * The day-before reminder of one hearing at one start: its marker and its messages in one
 * transaction, the marker conditional on not being there, so a reminder goes out once
 * however often the sweep runs (and again only if the hearing moves).
 */
export const remindOnce = (id: string, start: string, messages: Record<string, unknown>[], now: Date) => sendOnce({ ...reminderKey(id, start), requestId: id }, messages, now);

/** The public viewing link's reminder to one online registrant, once per Period. */
export const remindViewerOnce = (n: number, registrationId: string, messages: Record<string, unknown>[], now: Date) =>
  sendOnce({ ...viewingReminderKey(n, registrationId), sessionNumber: n }, messages, now);

/** Writes `messages` with a marker item, unless the marker is there already: false then (sent before). */
async function sendOnce(marker: Record<string, unknown>, messages: Record<string, unknown>[], now: Date): Promise<boolean> {
  try {
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...marker, sentAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(messages as never[]),
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * For the retention purge (hearings/purge.ts): deletes a hearing's own items, the joining
 * details (its passcode), the States' delegations (their members' names), the speaking
 * plan and the reminder markers. The record and the titles stay: they are the public
 * archive and schedule, which never held a confidential name. Returns how many went.
 */
export async function deleteHearingItems(id: string): Promise<number> {
  const keys = (await queryAll({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': hearingItemsPk(id) }, ProjectionExpression: 'pk, sk', ConsistentRead: true })).map(
    (i) => ({ pk: i.pk, sk: i.sk }),
  );
  for (let i = 0; i < keys.length; i += 25) {
    let batch: Item[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    // Unprocessed deletes are DynamoDB's throttle: sent again, then the run fails and the next one goes on.
    for (let attempt = 0; batch.length && attempt < 10; attempt++) {
      const result = await guarded(() => ddb.send(new BatchWriteCommand({ RequestItems: { [tableName()]: batch as never } })));
      batch = (result.UnprocessedItems?.[tableName()] ?? []) as Item[];
      if (batch.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    if (batch.length) throw new Error('purge: hearing-day deletes left unprocessed');
  }
  return keys.length;
}
