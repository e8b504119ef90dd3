// Shared by the quick-start scripts. Node built-ins only: these run before `npm install`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const say = (msg) => console.log(`\x1b[36m▸ ${msg}\x1b[0m`);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function mustRun(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${code})`);
    process.exit(code);
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  // `npm install` rather than `npm ci`: npm 11 writes lockfiles without other platforms' optional
  // packages and then its own `npm ci` refuses them; install still follows the locked versions.
  say('Installing dependencies (npm install)…');
  mustRun('npm', ['install', '--no-audit', '--no-fund']);
}

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
};

/** Builds the console when its build is missing or older than its sources. */
export function ensureConsoleBuild() {
  const pkg = path.join(root, 'packages/console/package.json');
  if (!fs.existsSync(pkg) || !JSON.parse(fs.readFileSync(pkg, 'utf8')).scripts?.build) return;
  const index = path.join(root, 'packages/console/dist/index.html');
  const src = path.join(root, 'packages/console/src');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(src)) return;
  say('Building the console…');
  mustRun('npm', ['run', 'build', '-w', '@orderloop/console']);
}

/** Builds the mini-program's H5 app (served under /m/) when its build is missing or older than its sources. */
export function ensureMiniappBuild() {
  const index = path.join(root, 'packages/miniapp/dist/h5/index.html');
  const sources = ['packages/miniapp/src', 'packages/contract/src'].map((d) => path.join(root, d));
  if (!fs.existsSync(sources[0])) return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  say('Building the mini-program for H5 (about a minute)…');
  mustRun('npm', ['run', 'build:h5', '-w', '@orderloop/miniapp']);
}
