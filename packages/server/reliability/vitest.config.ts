import { defineConfig } from 'vitest/config';

// The proving ground: real processes on loopback and PostgreSQL, apart from the fast `npm test`
// projects. One file at a time — each starts several servers on a machine of two cores.
export default defineConfig({
  test: {
    name: 'reliability',
    root: new URL('../../..', import.meta.url).pathname,
    include: ['packages/server/reliability/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the in-process parts (fuzzing, authorization) run on PostgreSQL too, a database per file
    env: {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
