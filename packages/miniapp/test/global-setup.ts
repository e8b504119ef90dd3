import { ensureBuilt, type Platform } from './build.ts';

/**
 * The miniapp tests check built output: build what is stale once, before any test file runs.
 * MINIAPP_PLATFORMS=h5 limits it while working on one test (the others' checks then see old output).
 */
export default function setup() {
  const wanted = (process.env.MINIAPP_PLATFORMS ?? 'h5,weapp,alipay').split(',') as Platform[];
  for (const platform of ['h5', 'weapp', 'alipay'] as const)
    if (wanted.includes(platform)) ensureBuilt(platform);
}
