// Global setups per tier (vitest.config.ts), run once in the main vitest process before
// any worker is forked, so workers inherit the environment they set. The unit tier has
// none; `int` and `e2e` share one DynamoDB Local when they run in the same `vitest run`
// (vitest runs every project's setup up front), counted so the last teardown stops it.
import '../../local/env';
import { localClient, startDynamo, type RunningDynamo } from '../../local/dynamo';
import { ensureTables, tableEnv } from '../../local/tables';
import { tables } from '../../functions/manifest';
import { buildFrontend } from '../../frontend/build';

// Kept on globalThis: vitest may load this module once per project.
const shared = globalThis as typeof globalThis & { __docketDynamo?: { running: Promise<RunningDynamo>; users: number } };

/** DynamoDB Local in memory on a free port, with every table, for the `int` and `e2e` tiers. */
export async function dynamo() {
  if (!shared.__docketDynamo) {
    shared.__docketDynamo = {
      users: 0,
      running: (async () => {
        const running = await startDynamo();
        const client = localClient(running.endpoint);
        await ensureTables(client, tables);
        client.destroy();
        return running;
      })(),
    };
  }
  const state = shared.__docketDynamo;
  state.users++;
  const running = await state.running;
  Object.assign(process.env, {
    ...tableEnv(tables),
    DOCKET_TEST_DDB: running.endpoint,
    DYNAMODB_ENDPOINT: running.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  return async () => {
    if (--state.users > 0) return;
    shared.__docketDynamo = undefined;
    await running.stop();
  };
}

/** frontend/dist, which the runtime serves (int: headers of the static files; e2e: the pages) and the stack deploys (infra). */
export async function frontend() {
  const built = globalThis as typeof globalThis & { __docketFrontend?: Promise<void> };
  built.__docketFrontend ??= buildFrontend();
  await built.__docketFrontend;
}
