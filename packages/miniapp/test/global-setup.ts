import { ensureBuilt } from './build.ts';

/** The miniapp tests check built output: build what is stale once, before any test file runs. */
export default function setup() {
  for (const platform of ['h5', 'weapp', 'alipay'] as const) ensureBuilt(platform);
}
