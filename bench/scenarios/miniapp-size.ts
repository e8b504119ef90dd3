import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Figure, Scenario } from '../lib/types.ts';

const root = 'packages/miniapp/dist';

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });

/** The weapp main package: everything outside the subpackage roots named in app.json, maps excluded. */
function weappMain(dir: string): number {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => path.join(dir, s.root));
  return filesUnder(dir)
    .filter((f) => !f.endsWith('.map') && !subs.some((s) => f.startsWith(`${s}/`) || f.startsWith(s)))
    .reduce((n, f) => n + fs.statSync(f).size, 0);
}

/** The JS the H5 page loads first: the scripts index.html names (and preloads), gzipped. */
function h5FirstLoad(dir: string): number {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const srcs = new Set(
    [
      ...html.matchAll(
        /<script[^>]+src="([^"]+)"|<link[^>]+rel="(?:modulepreload|preload)"[^>]+href="([^"]+\.js)"/g,
      ),
    ].map((m) => (m[1] ?? m[2])!),
  );
  let total = 0;
  for (const src of srcs) {
    const file = path.join(dir, src.replace(/^(https?:)?\/\/[^/]+/, '').replace(/^\/?(m\/)?/, ''));
    if (fs.existsSync(file)) total += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return total;
}

function ensureBuilt(kind: 'weapp' | 'h5', build: boolean, log: (m: string) => void): string | null {
  const dir = path.join(root, kind);
  const marker = kind === 'weapp' ? 'app.json' : 'index.html';
  if (fs.existsSync(path.join(dir, marker))) return dir;
  if (!build) return null;
  log(`  building the ${kind} mini-program (npm run build:${kind} -w packages/miniapp)`);
  execFileSync('npm', ['run', `build:${kind}`, '-w', 'packages/miniapp'], {
    stdio: 'ignore',
    timeout: 600_000,
  });
  return fs.existsSync(path.join(dir, marker)) ? dir : null;
}

/** Sizes of the mini-program builds (built here when missing, ~30 s each; --no-build-miniapp skips that). */
export const miniappSize: Scenario = {
  name: 'mini-program size',
  async run(env, run) {
    const figures: Figure[] = [];
    for (const kind of ['weapp', 'h5'] as const) {
      let dir: string | null = null;
      let error = '';
      try {
        dir =
          run === 1
            ? ensureBuilt(kind, !process.argv.includes('--no-build-miniapp'), env.log)
            : fs.existsSync(path.join(root, kind))
              ? path.join(root, kind)
              : null;
      } catch (err) {
        error = ` (build failed: ${(err as Error).message.slice(0, 100)})`;
      }
      const note = dir
        ? undefined
        : `not built${error}: run \`npm run build:${kind} -w packages/miniapp\` (or run the bench without --no-build-miniapp)`;
      figures.push(
        kind === 'weapp'
          ? {
              name: 'weapp main package',
              value: dir ? weappMain(dir) / 2 ** 20 : null,
              unit: 'MB',
              goal: { op: '<=', value: 2 },
              conditions: 'dist/weapp without source maps or subpackages, uncompressed',
              note,
            }
          : {
              name: 'H5 first-load JS (gzip)',
              value: dir ? h5FirstLoad(dir) / 1024 : null,
              unit: 'KB',
              goal: { op: '<=', value: 200 },
              conditions: 'scripts named in dist/h5/index.html, gzip -9',
              note,
            },
      );
    }
    return figures;
  },
};
