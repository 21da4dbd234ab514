import { defineConfig } from 'vitest/config';

/**
 * Four projects, one command (`npm test`): unit (no network), integration (adapters against the
 * in-process emulators), e2e (HTTP against the local runtime started by the test), infra (CDK assertions).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // Request logs and metric lines of the in-process runtime would bury the results: errors only.
    env: { LOG_LEVEL: 'error', VANTHU_METRICS: 'off' },
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000 } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000 } },
      { extends: true, test: { name: 'portal', include: ['test/portal/**/*.test.ts'], testTimeout: 180_000 } },
    ],
  },
});
