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
      {
        extends: true,
        // builds weapp, alipay and h5 first when their output is stale (about 2 minutes on 2 cores)
        test: {
          name: 'miniapp',
          include: ['packages/miniapp/test/**/*.test.ts'],
          globalSetup: ['packages/miniapp/test/global-setup.ts'],
          maxWorkers: 1,
        },
      },
    ],
  },
});
