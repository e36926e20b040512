// The only module that speaks DynamoDB for scheduling. Hearing requests are read and
// marked scheduled through the hearings store (its TransactWriteItems entries go into
// the publish transaction here), never through its keys.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { ddb, guarded, queryAll } from '../shared/ddb';
import { Conflict } from '../shared/errors';
import { type TransactItems, classify, transactRetrying } from '../shared/retry';
import './messages';
import type { Assignment, Change, PublicHearing } from './publication';
import { type Rapporteurships, seedRapporteurships } from './rapporteurships';
import type { ScoreBreakdown } from './model';
import type { Unscheduled } from './timetable';
import { draftEntity, draftKey, proposalEntity, publishedEntity, rapporteurshipsEntity, rapporteurshipsKey, schedulingTable, versionEntity, versionsOf } from './table';

const TableName = tableNameOf(schedulingTable);

export interface StoredRapporteurships {
  rapporteurs: Rapporteurships;
  revision: number;
  updatedAt?: string;
}

export async function getRapporteurships(): Promise<StoredRapporteurships> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: rapporteurshipsKey() })));
  if (!Item) return { rapporteurs: seedRapporteurships(), revision: 0 };
  return { rapporteurs: Item.rapporteurs, revision: Item.revision, updatedAt: Item.updatedAt };
}

/** Replaces the rapporteurships if nobody changed them since `revision` (0: never stored). */
export async function putRapporteurships(rapporteurs: Rapporteurships, revision: number, by: string, now: Date): Promise<StoredRapporteurships> {
  const next = { rapporteurs, revision: revision + 1, updatedAt: now.toISOString(), updatedBy: by };
  await guarded(
    () =>
      ddb.send(
        new PutCommand({
          TableName,
          Item: rapporteurshipsEntity.item(next),
          ConditionExpression: revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :rev',
          ExpressionAttributeValues: revision === 0 ? undefined : { ':rev': revision },
        }),
      ),
    () => new Conflict('schedule.changedMeanwhile'),
  );
  return next;
}

export interface Draft {
  sessionNumber: number;
  proposalId: string;
  assignments: Assignment[];
  unscheduled: Unscheduled[];
  score: number;
  breakdown: ScoreBreakdown;
  method: string;
  /** The proposal's proven gap (solver.ts); null when unproven, absent on drafts saved before it was kept. */
  provenGap?: number | null;
  revision: number;
  updatedAt: string;
}

export async function getDraft(n: number): Promise<Draft | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: draftKey(n) })));
  if (!Item) return undefined;
  return draftEntity.strip(Item);
}

type DraftBody = Omit<Draft, 'revision' | 'updatedAt' | 'sessionNumber'>;

const setDraft = (n: number, body: DraftBody, now: Date, expectedRevision?: number) => {
  const { proposalId, assignments, unscheduled, score, breakdown, method, provenGap } = body;
  const update = draftEntity.update({ sessionNumber: n, proposalId, assignments, unscheduled, score, breakdown, method, provenGap, updatedAt: now.toISOString() });
  return {
    TableName,
    Key: draftKey(n),
    UpdateExpression: `SET ${update.set} ADD revision :one`,
    ConditionExpression: expectedRevision === undefined ? undefined : 'revision = :rev',
    ExpressionAttributeNames: update.names,
    ExpressionAttributeValues: { ...update.values, ':one': 1, ...(expectedRevision === undefined ? {} : { ':rev': expectedRevision }) },
  };
};

/** Records a proposal and makes it the working timetable, in one transaction. */
export async function saveProposal(n: number, body: DraftBody, by: string, now: Date): Promise<Draft> {
  await transact(
    'schedule proposal',
    [
      { Put: { TableName, Item: proposalEntity.item({ ...body, by, createdAt: now.toISOString() }, { n, id: body.proposalId }), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Update: setDraft(n, body, now) },
    ],
    () => new Conflict('error.conflict'),
  );
  return (await getDraft(n))!;
}


/** The one conditional transaction of shared/retry.ts, on the shared client. */
const transact = (what: string, items: TransactItems, onCondition: (error: unknown) => Error) => transactRetrying(ddb, what, items, onCondition);

/** Saves a manual move if the timetable is still at `revision` (no lost update). */
export async function saveMove(n: number, body: DraftBody, revision: number, now: Date): Promise<void> {
  await guarded(() => ddb.send(new UpdateCommand(setDraft(n, body, now, revision))), () => new Conflict('schedule.changedMeanwhile'));
}

export interface Version {
  sessionNumber: number;
  version: number;
  publishedAt: string;
  publishedBy: string;
  assignments: Assignment[];
  hearings: PublicHearing[];
  changes: Change[];
}

export async function latestVersion(n: number): Promise<Version | undefined> {
  const { pk, prefix } = versionsOf(n);
  const { Items } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: false,
        Limit: 1,
      }),
    ),
  );
  if (!Items?.[0]) return undefined;
  return versionEntity.strip(Items[0]);
}

/** Every version's number, date and changes (no hearings): the public changelog. */
export async function changelog(n: number): Promise<Pick<Version, 'version' | 'publishedAt' | 'changes'>[]> {
  const { pk, prefix } = versionsOf(n);
  const items = await queryAll({
    TableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ProjectionExpression: 'version, publishedAt, changes',
    ScanIndexForward: false,
  });
  return items as Pick<Version, 'version' | 'publishedAt' | 'changes'>[];
}

/** Room in one TransactWriteItems (100) after the version, the pointer and the draft check. */
export const MAX_PUBLISH_ITEMS = 97;

/**
 * Publishes `version` atomically: the version item, the pointer (conditional on the
 * previous version, so two publishers cannot both win), a check that the working
 * timetable is the one that was read, and the other contexts' entries (requests marked
 * scheduled, outbox messages) in the same transaction.
 */
export async function publishVersion(version: Version, draftRevision: number, others: Record<string, unknown>[]): Promise<void> {
  const n = version.sessionNumber;
  const previous = version.version - 1;
  await transact(
    'schedule publication',
    [
      { Put: { TableName, Item: versionEntity.item(version), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName,
          Item: publishedEntity.item({ version: version.version, publishedAt: version.publishedAt }, n),
          ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :prev',
          ExpressionAttributeValues: previous === 0 ? undefined : { ':prev': previous },
        },
      },
      { ConditionCheck: { TableName, Key: draftKey(n), ConditionExpression: 'revision = :rev', ExpressionAttributeValues: { ':rev': draftRevision } } },
      ...(others as never[]),
    ],
    (error) => {
      const reasons = classify(error).reasons ?? [];
      if (reasons[0] === 'ConditionalCheckFailed' || reasons[1] === 'ConditionalCheckFailed') return new Conflict('schedule.publishedMeanwhile');
      return new Conflict('schedule.changedMeanwhile');
    },
  );
}
