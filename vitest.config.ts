import { defineConfig } from 'vitest/config';

// One run, four tiers by file name (shared/STYLE.md #9): *.test.ts unit, *.int.test.ts
// against DynamoDB Local (started once per run by the global setup), test/infra CDK
// assertions, *.e2e.test.ts in a real Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
