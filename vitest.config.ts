import { defineConfig } from 'vitest/config';

// Two cores: one fork per core, each test file on its own fresh database.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['packages/*/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['packages/server/test/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'browser', include: ['packages/console/test/**/*.test.ts'], maxWorkers: 1 },
      },
    ],
  },
});
