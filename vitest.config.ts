import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { REMOTE_SUITES, remoteTarget } from './test/support/target.ts';

// Four tiers (shared/STYLE.md #9), each a vitest project with only the setup it needs:
//   unit   test/unit/*.test.ts       pure rules; no DynamoDB Local, no frontend build
//   infra  test/infra/*.test.ts      CDK assertions and cdk-nag (needs frontend/dist, no DynamoDB)
//   int    test/int/*.int.test.ts    the local runtime on DynamoDB Local
//   e2e    test/e2e/*.e2e.test.ts    Chromium against the local runtime
// `npm test` runs them all (`vitest run`), tier after tier (sequence.groupOrder), so the
// browser tests never compete with the load test for the CPU; `npm run test:unit` etc.
// run one. Tests are bounded by work (request and item counts); the timeouts below are
// safety nets for a slow, busy machine, never a measure of speed.
const TIERS = {
  unit: 'test/unit/**/*.test.ts',
  infra: 'test/infra/**/*.test.ts',
  int: 'test/int/**/*.int.test.ts',
  e2e: 'test/e2e/**/*.e2e.test.ts',
} as const;

// A test file that no tier picks up would silently never run: refuse to start instead.
const tierOf = (file: string) =>
  file.startsWith('test/unit/') ? 'unit' : file.startsWith('test/infra/') ? 'infra' : /^test\/int\/.*\.int\.test\.ts$/.test(file) ? 'int' : /^test\/e2e\/.*\.e2e\.test\.ts$/.test(file) ? 'e2e' : undefined;
const orphans = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .map((f) => `test/${f.replaceAll('\\', '/')}`)
  .filter((f) => f.endsWith('.test.ts') && !tierOf(f));
if (orphans.length) throw new Error(`test files outside every tier (vitest.config.ts): ${orphans.join(', ')}`);

const MINUTES = 60_000;

// Remote-suite mode (DOCKET_TARGET_URL, test/support/target.ts): the int tier runs only the
// suites that can judge a deployed stage, with no DynamoDB Local and no frontend build.
if (remoteTarget) {
  const left = readdirSync('test/int').map((f) => `test/int/${f}`).filter((f) => f.endsWith('.int.test.ts') && !REMOTE_SUITES.includes(f));
  console.log(
    `Remote-suite mode against ${remoteTarget.url}: ${REMOTE_SUITES.join(', ')}.\n` +
      `Left out, as they need hooks only the local runtime has (DynamoDB Local scans, the clock, the mail drop, fault injection, the Lambda stand-in):\n  ${left.join('\n  ')}`,
  );
}

// No DynamoDB Local for a tier even when a full run started one for the others: a test
// that reaches for it fails (test/support/runtime.ts) instead of quietly becoming an
// integration test.
const NO_DYNAMO = { DOCKET_TEST_DDB: '', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' };

export default defineConfig({
  test: {
    // One machine-wide limit: the tiers run one after another, each with at most two
    // test files at once (the CI machine has two cores; DynamoDB Local and Chromium
    // need CPU of their own).
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [TIERS.unit],
          sequence: { groupOrder: 0 },
          testTimeout: 1 * MINUTES,
          env: NO_DYNAMO,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: [TIERS.infra],
          globalSetup: ['test/support/setup-frontend.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 5 * MINUTES,
          hookTimeout: 5 * MINUTES,
          env: NO_DYNAMO,
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: remoteTarget ? [...REMOTE_SUITES] : [TIERS.int],
          globalSetup: remoteTarget ? [] : ['test/support/setup-dynamo.ts', 'test/support/setup-frontend.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 5 * MINUTES,
          hookTimeout: 5 * MINUTES,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [TIERS.e2e],
          globalSetup: ['test/support/setup-dynamo.ts', 'test/support/setup-frontend.ts'],
          sequence: { groupOrder: 2 },
          testTimeout: 5 * MINUTES,
          hookTimeout: 5 * MINUTES,
        },
      },
    ],
  },
});
