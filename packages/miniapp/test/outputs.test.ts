import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distOf } from './build.ts';
import { kb, packageBytes } from './sizes.ts';

// The builds the global setup made: complete, and within WeChat's package limit.
// app.config.ts is evaluated by Taro, where defineAppConfig is a global
Object.assign(globalThis, { defineAppConfig: <T>(c: T) => c });
const { pages, subPackages } = await import('../src/app.config.ts');

const WECHAT_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
const platforms = [
  { name: 'weapp', template: 'wxml', style: 'wxss', base: 'base.wxml' },
  { name: 'alipay', template: 'axml', style: 'acss', base: 'base.axml' },
] as const;

describe.each(platforms)('$name build', ({ name, template, style, base }) => {
  const dir = distOf(name);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

  it('lists every page in app.json, and every page has its files', () => {
    const app = JSON.parse(read('app.json')) as {
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
      subpackages?: { root: string; pages: string[] }[];
    };
    expect(app.pages).toEqual(pages);
    // sales-rep mode is a subpackage: loaded only when a rep opens it
    const subs = app.subPackages ?? app.subpackages ?? [];
    expect(subs).toEqual(subPackages);
    const subPages = subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`));
    for (const page of [...app.pages, ...subPages]) {
      for (const ext of ['js', 'json', template]) {
        expect(fs.existsSync(path.join(dir, `${page}.${ext}`)), `${page}.${ext}`).toBe(true);
      }
      expect(JSON.parse(read(`${page}.json`))).toBeTypeOf('object');
    }
    for (const f of ['app.js', `app.${style}`, base, 'runtime.js', 'taro.js', 'vendors.js', 'common.js'])
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
  });

  it('is a complete program: the app entry requires the shared chunks it needs', () => {
    const app = read('app.js');
    for (const chunk of ['runtime', 'taro', 'vendors', 'common']) expect(app).toContain(chunk);
    // each page registers itself with the runtime
    for (const page of pages) expect(read(`${page}.js`)).toMatch(/createPageConfig|Page\(/);
  });

  it('fits the 2 MB main package limit', () => {
    const roots = subPackages.map((s) => s.root);
    const bytes = packageBytes(dir, roots);
    const subBytes = roots.reduce((n, r) => n + packageBytes(path.join(dir, r)), 0);
    console.log(
      `${name} main package: ${kb(bytes)} (limit ${kb(WECHAT_MAIN_PACKAGE_LIMIT)}); staff subpackage: ${kb(subBytes)}`,
    );
    expect(bytes).toBeLessThan(WECHAT_MAIN_PACKAGE_LIMIT);
    expect(subBytes).toBeGreaterThan(0);
  });
});
