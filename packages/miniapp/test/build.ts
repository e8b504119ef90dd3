import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(appDir, '../..');
export type Platform = 'h5' | 'weapp' | 'alipay';
export const distOf = (p: Platform) => path.join(appDir, 'dist', p);
const marker = (p: Platform) => path.join(distOf(p), '.built');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Builds a platform when its output is missing or older than the app, its config or the contract. */
export function ensureBuilt(platform: Platform) {
  const sources = Math.max(
    newestMtime(path.join(appDir, 'src')),
    newestMtime(path.join(appDir, 'config')),
    newestMtime(path.join(repoRoot, 'packages/contract/src')),
  );
  if (fs.existsSync(marker(platform)) && fs.statSync(marker(platform)).mtimeMs >= sources) return;
  const started = Date.now();
  execFileSync('npx', ['taro', 'build', '--type', platform], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vitest's NODE_ENV=test would give a development build
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.writeFileSync(marker(platform), new Date().toISOString());
  console.log(`built the mini-program for ${platform} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
