import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const env = process.env.TARO_ENV ?? 'h5';
// The contract is TypeScript source in the workspace (not a built package): compile it like our own.
const contractSrc = path.resolve(__dirname, '../../contract/src');

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'orderloop-miniapp',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: [],
    defineConstants: {
      // the API's origin: '' on H5 (same origin, /m/ beside /api/), a full URL for mini-programs
      API_BASE: JSON.stringify(process.env.ORDERLOOP_API_BASE ?? ''),
      // the business this build is for (its slug), and the store when the launch link names none
      BUSINESS: JSON.stringify(process.env.ORDERLOOP_BUSINESS ?? 'demo-restaurant'),
      // WeChat subscribe-message templates, "accepted,ready,rejected" ids; without them weapp asks in the app
      SUBSCRIBE_TEMPLATES: JSON.stringify(
        ((ids) => ({
          order_accepted: ids[0] ?? '',
          order_ready: ids[1] ?? '',
          order_rejected: ids[2] ?? '',
        }))((process.env.ORDERLOOP_WECHAT_TEMPLATES ?? '').split(',').map((s) => s.trim())),
      ),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [contractSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false } as never,
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/m/',
      staticDirectory: 'static',
      compile: { include: [contractSrc] },
      router: { mode: 'hash' },
      // sizes are checked against the budget by scripts/sizes.mjs, not webpack's generic hint
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false } as never,
      },
    },
  };
  return config;
});
