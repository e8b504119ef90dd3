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
        // one retry, as Playwright does on CI: a click racing a render on 2 busy cores is not a finding;
        // a real failure fails twice
        test: { name: 'browser', include: ['packages/console/test/**/*.test.ts'], maxWorkers: 1, retry: 1 },
      },
      {
        extends: true,
        // the mini-program's components in jsdom, with Taro's H5 components and APIs standing in
        resolve: {
          // exact names only: the React components import '@tarojs/components/lib/react' themselves
          alias: [
            { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
            { find: /^@tarojs\/taro$/, replacement: '@tarojs/taro-h5' },
          ],
        },
        define: {
          ENABLE_INNER_HTML: 'true',
          ENABLE_ADJACENT_HTML: 'true',
          ENABLE_SIZE_APIS: 'true',
          ENABLE_TEMPLATE_CONTENT: 'true',
          ENABLE_CLONE_NODE: 'true',
          ENABLE_CONTAINS: 'true',
          ENABLE_MUTATION_OBSERVER: 'true',
          DEPRECATED_ADAPTER_COMPONENT: 'false',
          'process.env.TARO_ENV': '"h5"',
          'process.env.TARO_PLATFORM': '"web"',
          API_BASE: '""',
          BUSINESS: '"demo-restaurant"',
          SUBSCRIBE_TEMPLATES: '{"order_accepted":"","order_ready":"","order_rejected":""}',
        },
        test: {
          name: 'miniapp-unit',
          include: ['packages/miniapp/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['packages/miniapp/src/test-utils/setup.ts'],
          server: { deps: { inline: [/@tarojs/] } },
        },
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
