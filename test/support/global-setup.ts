// Once per test run: DynamoDB Local in memory on a free port, its tables, and the built
// frontend. Workers are forked after this runs, so they inherit the environment.
import '../../local/env';
import { localClient, startDynamo, type RunningDynamo } from '../../local/dynamo';
import { ensureTables, tableEnv } from '../../local/tables';
import { tables } from '../../functions/manifest';
import { buildFrontend } from '../../frontend/build';

let dynamo: RunningDynamo | undefined;

export async function setup() {
  dynamo = await startDynamo();
  const client = localClient(dynamo.endpoint);
  await ensureTables(client, tables);
  client.destroy();
  Object.assign(process.env, {
    ...tableEnv(tables),
    DOCKET_TEST_DDB: dynamo.endpoint,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  await buildFrontend();
}

export async function teardown() {
  await dynamo?.stop();
}
