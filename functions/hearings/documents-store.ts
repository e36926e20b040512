// DynamoDB for supporting documents: one item per document under its request
// (pk=REQ#<id>, sk=DOC#<documentId>, table.ts), and a `documentCount` on the request
// item that the attach transaction checks and raises, so a third document loses in the
// database whatever the concurrency. A rejected document gives its place back once.
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { ddb, guarded } from '../shared/ddb';
import { Unavailable } from '../shared/errors';
import { cancellationReasons, isConditionFailure } from '../shared/store-errors';
import { ATTACHABLE_STATUSES, MAX_DOCUMENTS, type ScanResult, type StoredDocument, type TypeCheck, statusOf } from './documents';
import { DOCUMENT_SK_PREFIX, documentKey, hearingsTable, requestKey, requestPk, sessionPk } from './table';

const TableName = tableNameOf(hearingsTable);
type Item = Record<string, unknown>;

const toDocument = (item: Item): StoredDocument => {
  const { pk: _pk, sk: _sk, released: _released, ...rest } = item;
  return rest as unknown as StoredDocument;
};

/** Why an attach was refused, read back after its condition failed. */
export type AttachRefusal = 'missing' | 'notOwner' | 'held' | 'status' | 'tooMany';

/**
 * Adds a document to a request of `ownerSub` that is still attachable and has fewer than
 * MAX_DOCUMENTS: the request's count and version go up in the same transaction (a racing
 * edit, which puts the whole request at its version, then fails and is retried).
 */
export async function attachDocument(doc: StoredDocument, ownerSub: string): Promise<AttachRefusal | undefined> {
  const statuses = Object.fromEntries(ATTACHABLE_STATUSES.map((s, i) => [`:s${i}`, s]));
  try {
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName,
              Key: requestKey(doc.requestId),
              UpdateExpression: 'SET documentCount = if_not_exists(documentCount, :zero) + :one ADD version :one',
              // Not while a decision is held: whatever it is (a deferral leaves the request
              // `submitted`), the applicant is answered alike, as an edit is (hearing.decisionRecorded).
              ConditionExpression: `attribute_exists(pk) AND ownerSub = :owner AND attribute_not_exists(held) AND #status IN (${Object.keys(statuses).join(', ')}) AND (attribute_not_exists(documentCount) OR documentCount < :max)`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':owner': ownerSub, ':max': MAX_DOCUMENTS, ...statuses },
            },
          },
          { Put: { TableName, Item: { ...documentKey(doc.requestId, doc.id), ...doc }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return undefined;
  } catch (error) {
    if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) return guarded(() => Promise.reject(error));
    const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: requestKey(doc.requestId), ConsistentRead: true })));
    if (!Item) return 'missing';
    if (Item.ownerSub !== ownerSub) return 'notOwner';
    if (Item.held) return 'held';
    if (!(ATTACHABLE_STATUSES as readonly unknown[]).includes(Item.status)) return 'status';
    return 'tooMany';
  }
}

/** Why a removal was refused, read back after its condition failed. */
export type RemoveRefusal = 'missing' | 'notOwner' | 'held' | 'status' | 'noDocument';

/**
 * Removes a document of a request of `ownerSub` that still takes documents, and gives its
 * place back unless a rejection already did (`released`): the item, the count and the
 * request's version in one transaction, so a place is never given back twice. Returns the
 * removed document. A rejection landing between the read and the write fails the
 * condition on `released`, and the removal is tried again with what is now stored.
 */
export async function removeDocument(requestId: string, documentId: string, ownerSub: string): Promise<StoredDocument | RemoveRefusal> {
  const statuses = Object.fromEntries(ATTACHABLE_STATUSES.map((s, i) => [`:s${i}`, s]));
  const request = `attribute_exists(pk) AND ownerSub = :owner AND attribute_not_exists(held) AND #status IN (${Object.keys(statuses).join(', ')})`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: documentKey(requestId, documentId), ConsistentRead: true })));
    if (!Item) return 'noDocument';
    const released = Item.released === true;
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName,
                Key: documentKey(requestId, documentId),
                ConditionExpression: released ? 'attribute_exists(released)' : 'attribute_exists(pk) AND attribute_not_exists(released)',
              },
            },
            {
              Update: {
                TableName,
                Key: requestKey(requestId),
                UpdateExpression: released ? 'ADD version :one' : 'SET documentCount = documentCount - :one ADD version :one',
                ConditionExpression: released ? request : `${request} AND documentCount > :zero`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':owner': ownerSub, ...(released ? {} : { ':zero': 0 }), ...statuses },
              },
            },
          ],
        }),
      );
      return toDocument(Item);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.includes('ConditionalCheckFailed')) return guarded(() => Promise.reject(error));
      const { Item: now } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: requestKey(requestId), ConsistentRead: true })));
      if (!now) return 'missing';
      if (now.ownerSub !== ownerSub) return 'notOwner';
      if (now.held) return 'held';
      if (!(ATTACHABLE_STATUSES as readonly unknown[]).includes(now.status)) return 'status';
      // The document changed under us (rejected and given back, or removed): read it again.
    }
  }
  throw new Unavailable(1);
}

export async function listDocuments(requestId: string): Promise<StoredDocument[]> {
  const { Items } = await guarded(() =>
    ddb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
        ExpressionAttributeValues: { ':pk': requestPk(requestId), ':doc': DOCUMENT_SK_PREFIX },
        ConsistentRead: true,
      }),
    ),
  );
  return (Items ?? []).map(toDocument);
}

export async function findDocument(requestId: string, documentId: string): Promise<StoredDocument | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: documentKey(requestId, documentId), ConsistentRead: true })));
  return Item ? toDocument(Item) : undefined;
}

/**
 * Records one check's result (each once: S3 and EventBridge may deliver an event twice),
 * and if the document is now rejected gives its place back to the request, once.
 * Returns the document as it now stands, or undefined if it is gone (purged).
 */
export async function recordCheck(requestId: string, documentId: string, check: { typeCheck: TypeCheck } | { scan: ScanResult }): Promise<StoredDocument | undefined> {
  const [field, value] = 'typeCheck' in check ? ['typeCheck', check.typeCheck] : ['scan', check.scan];
  let doc: StoredDocument | undefined;
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName,
        Key: documentKey(requestId, documentId),
        UpdateExpression: 'SET #f = :v',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#f)',
        ExpressionAttributeNames: { '#f': field },
        ExpressionAttributeValues: { ':v': value },
        ReturnValues: 'ALL_NEW',
      }),
    );
    doc = Attributes ? toDocument(Attributes) : undefined;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    doc = await findDocument(requestId, documentId);
  }
  if (doc && statusOf(doc).status === 'rejected') await releasePlace(requestId, documentId);
  return doc;
}

async function releasePlace(requestId: string, documentId: string): Promise<void> {
  try {
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName, Key: documentKey(requestId, documentId), UpdateExpression: 'SET released = :t', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(released)', ExpressionAttributeValues: { ':t': true } } },
          { Update: { TableName, Key: requestKey(requestId), UpdateExpression: 'SET documentCount = documentCount - :one', ConditionExpression: 'documentCount > :zero', ExpressionAttributeValues: { ':one': 1, ':zero': 0 } } },
        ],
      }),
    );
  } catch (error) {
    // Already given back (a repeated event), or the request is gone: nothing to do.
    if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) throw error;
  }
}

/** For the purge: the ids of a session's requests (any status). */
export async function requestIdsOfSession(sessionNumber: number): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await guarded(() =>
      ddb.send(new QueryCommand({ TableName, IndexName: 'bySession', KeyConditionExpression: 'sessionPk = :pk', ExpressionAttributeValues: { ':pk': sessionPk(sessionNumber) }, ProjectionExpression: 'id', ExclusiveStartKey })),
    );
    ids.push(...(page.Items ?? []).map((i) => String(i.id)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}

/**
 * For the purge: deletes every item of a request (the request, its State pointers,
 * documents, notes, read records). The request item goes last: it is what the next run
 * finds the request by (bySession), so a run cut short leaves nothing it cannot find again.
 */
export async function deleteRequestItems(requestId: string): Promise<number> {
  const keys: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await guarded(() =>
      ddb.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': requestPk(requestId) }, ProjectionExpression: 'pk, sk', ConsistentRead: true, ExclusiveStartKey })),
    );
    keys.push(...(page.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk })));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const requestSk = requestKey(requestId).sk;
  const ordered = [...keys.filter((k) => k.sk !== requestSk), ...keys.filter((k) => k.sk === requestSk)];
  for (let i = 0; i < ordered.length; i += 25) {
    let batch: Item[] = ordered.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    // Unprocessed deletes are DynamoDB's throttle: sent again until none is left.
    for (let attempt = 0; batch.length && attempt < 10; attempt++) {
      const result = await guarded(() => ddb.send(new BatchWriteCommand({ RequestItems: { [TableName]: batch as never } })));
      batch = (result.UnprocessedItems?.[TableName] ?? []) as Item[];
      if (batch.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    if (batch.length) throw new Error('purge: deletes left unprocessed');
  }
  return ordered.length;
}
