// The only module that speaks DynamoDB for sessions. Other contexts (hearings,
// registrations, scheduling) read sessions through getSession(), never through keys.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableNameOf } from '../shared/config';
import { ddb, guarded, queryAll } from '../shared/ddb';
import { Conflict, NotFound } from '../shared/errors';
import './messages';
import type { Session } from './session';
import { SESSION_PARTITION, sessionEntity, sessionKey, sessionsTable } from './table';

const TableName = tableNameOf(sessionsTable);

const strip = (item: Record<string, unknown>) => sessionEntity.strip(item);

export async function findSession(number: number): Promise<Session | undefined> {
  const { Item } = await guarded(() => ddb.send(new GetCommand({ TableName, Key: sessionKey(number) })));
  return Item ? strip(Item) : undefined;
}

export async function getSession(number: number): Promise<Session> {
  const session = await findSession(number);
  if (!session) throw new NotFound('session.notFound', { number });
  return session;
}

export async function listSessions(): Promise<Session[]> {
  const items = await queryAll({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SESSION_PARTITION } });
  return items.map(strip);
}

/** Creates a session; a second session with the same number is a Conflict. */
export async function createSession(session: Session): Promise<Session> {
  await guarded(
    () =>
      ddb.send(
        new PutCommand({ TableName, Item: sessionEntity.item(session), ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    () => new Conflict('session.exists', { number: session.number }),
  );
  return session;
}
