// The local runtime's DynamoDB stand-in (local/ddb-proxy.ts): IAM grant checks per
// function with AWS's AccessDeniedException, DynamoDB's transaction conflicts (made
// deterministic by holding a call in flight), ClientRequestToken idempotency, and a
// grant table that is the one the CDK stack synthesizes.
import { randomUUID } from 'node:crypto';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFunctions, httpFunctions, tables } from '../../functions/manifest';
import { DocketStack } from '../../lib/docket-stack';
import { GRANT_ACTIONS, WRITE_ACTIONS } from '../../lib/grants';
import { accessKeyFor } from '../../local/ddb-proxy';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
const clients: DynamoDBClient[] = [];
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await rt?.stop();
});

/** A client signed as the given function (its access key), or as an administrator. */
const as = (fn?: string) => {
  const client = new DynamoDBClient({
    endpoint: rt.ddb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: fn ? accessKeyFor(fn) : 'local', secretAccessKey: 'local' },
    // Each refusal is seen as DynamoDB sent it, not after the SDK's own retries.
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
};

const REGISTRATIONS = 'docket-registrations';
const SESSIONS = 'docket-sessions';
const OUTBOX = 'docket-outbox';
const HEARINGS = 'docket-hearings';
const key = (pk: string, sk = 'x') => ({ pk: { S: pk }, sk: { S: sk } });
const fresh = () => `proxy-test#${randomUUID()}`;

async function failure(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

const denial = (action: string, table: string, fn: string) =>
  new RegExp(
    `^User: arn:aws:sts::000000000000:assumed-role/[\\w-]+/docket-${fn} is not authorized to perform: dynamodb:${action} on resource: ` +
      `arn:aws:dynamodb:us-east-1:000000000000:table/${table} because no identity-based policy allows the dynamodb:${action} action$`,
  );

describe('grant checks', () => {
  it('refuses a function a table the manifest does not grant it, as AWS words it, and allows the owner', async () => {
    const pk = fresh();
    const error = await failure(as('sessions').send(new PutItemCommand({ TableName: REGISTRATIONS, Item: { ...key(pk), v: { S: 'x' } } })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(denial('PutItem', REGISTRATIONS, 'sessions'));
    // Nothing was written.
    expect((await as().send(new GetItemCommand({ TableName: REGISTRATIONS, Key: key(pk), ConsistentRead: true }))).Item).toBeUndefined();

    await as('registrations').send(new PutItemCommand({ TableName: REGISTRATIONS, Item: { ...key(pk), v: { S: 'x' } } }));
    expect((await as().send(new GetItemCommand({ TableName: REGISTRATIONS, Key: key(pk), ConsistentRead: true }))).Item?.v).toEqual({ S: 'x' });
  });

  it('lets a read grant read (and query its indexes) but never write', async () => {
    const reader = as('registrations'); // sessions: read
    await reader.send(new GetItemCommand({ TableName: SESSIONS, Key: key(fresh()) }));
    const error = await failure(reader.send(new UpdateItemCommand({ TableName: SESSIONS, Key: key(fresh()), UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toMatch(denial('UpdateItem', SESSIONS, 'registrations'));
    // Index ARNs are checked too: the owner may query its indexes, another function not.
    await as('registrations').send(new QueryCommand({ TableName: REGISTRATIONS, IndexName: 'bySession', KeyConditionExpression: 'sessionKey = :s', ExpressionAttributeValues: { ':s': { S: fresh() } } }));
    const index = await failure(as('schedule-public').send(new QueryCommand({ TableName: HEARINGS, IndexName: 'bySession', KeyConditionExpression: 'sessionPk = :s', ExpressionAttributeValues: { ':s': { S: fresh() } } })));
    expect(index.message).toContain(`dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:000000000000:table/${HEARINGS}/index/bySession`);
  });

  it("lets the outbox's 'write' grant PutItem and nothing else, also inside a transaction", async () => {
    const hearings = as('hearings'); // outbox: write
    const deniedBefore = rt.ddb.stats().denied;
    // Allowed, but written nowhere: the condition fails on a key that does not exist.
    const put = await failure(hearings.send(new PutItemCommand({ TableName: OUTBOX, Item: { pk: { S: fresh() } }, ConditionExpression: 'attribute_exists(pk)' })));
    expect(put.name).toBe('ConditionalCheckFailedException');
    for (const call of [
      new GetItemCommand({ TableName: OUTBOX, Key: { pk: { S: fresh() } } }),
      new UpdateItemCommand({ TableName: OUTBOX, Key: { pk: { S: fresh() } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }),
    ]) {
      const error = await failure(hearings.send(call as never));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toMatch(denial(call instanceof GetItemCommand ? 'GetItem' : 'UpdateItem', OUTBOX, 'hearings'));
    }
    // A transaction is checked item by item: an Update of the outbox is refused whole.
    const pk = fresh();
    const tx = await failure(
      hearings.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: HEARINGS, Item: key(pk) } },
            { Update: { TableName: OUTBOX, Key: { pk: { S: fresh() } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } } },
          ],
        }),
      ),
    );
    expect(tx.name).toBe('AccessDeniedException');
    expect(tx.message).toMatch(denial('UpdateItem', OUTBOX, 'hearings'));
    expect((await as().send(new GetItemCommand({ TableName: HEARINGS, Key: key(pk), ConsistentRead: true }))).Item).toBeUndefined();
    // A function with no grant at all (docs) may do nothing; an administrator anything.
    expect((await failure(as('docs').send(new GetItemCommand({ TableName: SESSIONS, Key: key(fresh()) })))).name).toBe('AccessDeniedException');
    await as().send(new GetItemCommand({ TableName: OUTBOX, Key: { pk: { S: fresh() } } }));
    expect(rt.ddb.stats().denied).toBe(deniedBefore + 4);
  });

  it('carries the handlers of the runtime (their calls go through the proxy)', async () => {
    const before = rt.ddb.stats().requests;
    expect((await rt.call('GET', '/api/sessions')).status).toBe(200);
    expect(rt.ddb.stats().requests).toBeGreaterThan(before);
  });
});

describe('transaction conflicts', () => {
  const bump = (pk: string, value: string): TransactWriteItem => ({
    Update: { TableName: REGISTRATIONS, Key: key(pk), UpdateExpression: 'ADD n :one SET v = :v', ExpressionAttributeValues: { ':one': { N: '1' }, ':v': { S: value } } },
  });
  const read = async (pk: string) => (await as().send(new GetItemCommand({ TableName: REGISTRATIONS, Key: key(pk), ConsistentRead: true }))).Item;
  const holding = (pk: string) => (body: any) => JSON.stringify(body).includes(pk);

  it('cancels a transaction on an item another one holds, with TransactionConflict at that item only', async () => {
    const [shared, other] = [fresh(), fresh()];
    const client = as('registrations');
    const held = rt.ddb.hold('TransactWriteItems', holding(shared));
    const first = client.send(new TransactWriteItemsCommand({ TransactItems: [bump(shared, 'first')] }));
    await held.arrived;

    const before = rt.ddb.stats().transactionConflicts;
    const second = await failure(client.send(new TransactWriteItemsCommand({ TransactItems: [bump(other, 'second'), bump(shared, 'second')] })));
    expect(second.name).toBe('TransactionCanceledException');
    expect(second.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
    expect(second.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]');
    expect(rt.ddb.stats().transactionConflicts).toBe(before + 1);

    // A single-item write on the held item fails too; one on another item goes through.
    const put = await failure(client.send(new PutItemCommand({ TableName: REGISTRATIONS, Item: { ...key(shared), v: { S: 'put' } } })));
    expect(put.name).toBe('TransactionConflictException');
    await client.send(new PutItemCommand({ TableName: REGISTRATIONS, Item: { ...key(fresh()), v: { S: 'put' } } }));

    held.release();
    await first;
    expect(await read(shared)).toMatchObject({ n: { N: '1' }, v: { S: 'first' } });
    expect(await read(other)).toBeUndefined(); // the cancelled transaction wrote nothing
    // Once the first is done, the same transaction succeeds.
    await client.send(new TransactWriteItemsCommand({ TransactItems: [bump(other, 'second'), bump(shared, 'second')] }));
    expect(await read(shared)).toMatchObject({ n: { N: '2' }, v: { S: 'second' } });
  });

  it('cancels a transactional read that a write overtakes', async () => {
    const pk = fresh();
    const client = as('registrations');
    const held = rt.ddb.hold('TransactGetItems', holding(pk));
    const get = failure(client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: REGISTRATIONS, Key: key(pk) } }] })));
    await held.arrived;
    await client.send(new PutItemCommand({ TableName: REGISTRATIONS, Item: { ...key(pk), v: { S: 'w' } } }));
    held.release();
    const error = await get;
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.CancellationReasons).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
  });

  it('injects conflicts on demand, counted, without applying the transaction', async () => {
    const pk = fresh();
    const before = rt.ddb.stats().conflictsInjected;
    rt.ddb.injectConflicts(1, 'registrations');
    const other = fresh();
    const error = await failure(as().send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: HEARINGS, Item: key(other) } }, bump(pk, 'x')] })));
    expect(error.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
    expect(rt.ddb.stats().conflictsInjected).toBe(before + 1);
    expect(await read(pk)).toBeUndefined();
    expect((await as().send(new GetItemCommand({ TableName: HEARINGS, Key: key(other), ConsistentRead: true }))).Item).toBeUndefined();
    // Pending injections are replaced, and 0 clears them.
    rt.ddb.injectConflicts(5, 'registrations');
    rt.ddb.injectConflicts(0, 'registrations');
    // Only the next one: the retry goes through.
    await as('registrations').send(new TransactWriteItemsCommand({ TransactItems: [bump(pk, 'x')] }));
    expect(await read(pk)).toMatchObject({ n: { N: '1' } });
  });
});

describe('ClientRequestToken', () => {
  const bump = (pk: string, value: string): TransactWriteItem => ({
    Update: { TableName: REGISTRATIONS, Key: key(pk), UpdateExpression: 'ADD n :one SET v = :v', ExpressionAttributeValues: { ':one': { N: '1' }, ':v': { S: value } } },
  });

  it('makes a replayed transaction succeed without applying it twice, and refuses changed parameters', async () => {
    const pk = fresh();
    const token = randomUUID();
    const client = as('registrations');
    await client.send(new TransactWriteItemsCommand({ ClientRequestToken: token, TransactItems: [bump(pk, 'a')] }));
    await client.send(new TransactWriteItemsCommand({ ClientRequestToken: token, TransactItems: [bump(pk, 'a')] }));
    const item = (await as().send(new GetItemCommand({ TableName: REGISTRATIONS, Key: key(pk), ConsistentRead: true }))).Item;
    expect(item).toMatchObject({ n: { N: '1' }, v: { S: 'a' } });
    const changed = await failure(client.send(new TransactWriteItemsCommand({ ClientRequestToken: token, TransactItems: [bump(pk, 'b')] })));
    expect(changed.name).toBe('IdempotentParameterMismatchException');
  });

  it('answers TransactionInProgressException to a retry of a transaction still in flight', async () => {
    const pk = fresh();
    const token = randomUUID();
    const client = as('registrations');
    const held = rt.ddb.hold('TransactWriteItems', (body) => body.ClientRequestToken === token);
    const first = client.send(new TransactWriteItemsCommand({ ClientRequestToken: token, TransactItems: [bump(pk, 'a')] }));
    await held.arrived;
    const retry = await failure(client.send(new TransactWriteItemsCommand({ ClientRequestToken: token, TransactItems: [bump(pk, 'a')] })));
    expect(retry.name).toBe('TransactionInProgressException');
    held.release();
    await first;
  });
});

describe('the grant table', () => {
  it('is, for every function, exactly what the CDK stack synthesizes', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DocketStack(app, 'ProxyGrants', { production: false, mailFrom: 'audiencias@example.org', env: { account: '111111111111', region: 'us-east-1' } });
    const template = Template.fromStack(stack);
    const tableOfLogicalId = new Map(
      tables.map((t) => [stack.getLogicalId(stack.node.findChild(`${t.id.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase())}Table`).node.defaultChild as CfnResource), t.id]),
    );
    /** `<table id>` or `<table id>/index/*` for a statement resource on a table; else undefined. */
    const cdkResource = (resource: any): string | undefined => {
      const arnOf = (r: any) => (r?.['Fn::GetAtt']?.[1] === 'Arn' ? tableOfLogicalId.get(r['Fn::GetAtt'][0]) : undefined);
      if (arnOf(resource)) return arnOf(resource);
      const join = resource?.['Fn::Join'];
      if (join && join[1].length === 2 && arnOf(join[1][0]) && join[1][1] === '/index/*') return `${arnOf(join[1][0])}/index/*`;
      return undefined;
    };
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: any }[];
    for (const fn of [...httpFunctions, ...eventFunctions]) {
      const roleId = stack.getLogicalId(stack.functions.get(fn.name)!.role.node.defaultChild as CfnResource);
      const synthesized = new Set<string>();
      for (const policy of policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))) {
        for (const st of policy.Properties.PolicyDocument.Statement) {
          for (const resource of [st.Resource].flat()) {
            const on = cdkResource(resource);
            if (on) for (const action of [st.Action].flat()) synthesized.add(`${action} ${on}`);
          }
        }
      }
      const enforced = new Set<string>();
      for (const st of rt.ddb.grantsOf(fn.name)!) {
        for (const resource of st.resources) {
          const on = /:table\/docket-(.+)$/.exec(resource)![1];
          for (const action of st.actions) enforced.add(`${action} ${on}`);
        }
      }
      expect([...enforced].sort(), fn.name).toEqual([...synthesized].sort());
    }
    // Synthesizing the whole stack takes seconds, many more on a busy machine.
  }, 180_000);

  it('gives each access level the actions of the CDK grants it stands for', () => {
    expect([...GRANT_ACTIONS.read].sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'].sort(),
    );
    expect([...GRANT_ACTIONS.readwrite].sort()).toEqual([...GRANT_ACTIONS.read, ...WRITE_ACTIONS].sort());
    expect(WRITE_ACTIONS).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    expect(GRANT_ACTIONS.write).toEqual(['dynamodb:PutItem']);
  });
});
