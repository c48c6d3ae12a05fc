import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Ink stops drawing live frames when CI is set; the UI tests watch live frames.
          env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
          // Starts (or finds) the lab and compiles dist/ for tests that run the binary.
          globalSetup: ['test/support/global-setup.ts'],
          include: ['test/integration/**/*.test.ts', 'test/integration/**/*.test.tsx'],
          // Integration files share the lab's hosts and stop/start their daemons: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
