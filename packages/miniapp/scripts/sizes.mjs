#!/usr/bin/env node
// Prints the size figures the issue budgets: each mini-program's main package (WeChat allows 2 MB;
// subpackages count on their own) and the H5 first load (the scripts index.html loads, gzip ≤ 200 KB).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const files = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.LICENSE.txt') && e.name !== '.built')
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
const bytes = (dir, list) => list.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

for (const platform of ['weapp', 'alipay']) {
  const dir = path.join(dist, platform);
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    console.log(`${platform}: not built`);
    continue;
  }
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => `${s.root}/`);
  const all = files(dir);
  const main = all.filter((f) => !roots.some((r) => f.startsWith(r)));
  const sub = all.filter((f) => roots.some((r) => f.startsWith(r)));
  console.log(
    `${platform}: main package ${kb(bytes(dir, main))} (limit 2048.0 KB), subpackages ${kb(bytes(dir, sub))}`,
  );
}

const h5 = path.join(dist, 'h5');
if (fs.existsSync(path.join(h5, 'index.html'))) {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="\/m\/([^"]+)"/g)].map((m) => m[1]);
  const gz = scripts.reduce((n, f) => n + gzipSync(fs.readFileSync(path.join(h5, f))).length, 0);
  console.log(
    `h5: index.html loads ${scripts.length} scripts, ${kb(gz)} gzip (budget 200.0 KB; pages load on demand)`,
  );
} else console.log('h5: not built');
