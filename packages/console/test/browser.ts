import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD, demoBusinesses } from '../../server/src/seed/demo-data.ts';
import { serveConsole } from './serve.ts';

const consoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(consoleDir, '../..');
const distDir = path.join(consoleDir, 'dist');
export const shotsDir = path.join(repoRoot, 'test-artifacts/screenshots/console');

export const demoUser = (username: string) => {
  for (const b of demoBusinesses) {
    const u = b.users.find((x) => x.username === username);
    if (u) return { ...u, business: b };
  }
  throw new Error(`no demo user ${username}`);
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the console when dist/ is missing or older than its sources (or the contract it bundles). */
function ensureBuilt() {
  const built = path.join(distDir, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(consoleDir, 'src')),
    newestMtime(path.join(repoRoot, 'packages/contract/src')),
    fs.statSync(path.join(consoleDir, 'index.html')).mtimeMs,
    fs.statSync(path.join(consoleDir, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: consoleDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' }, // vitest's NODE_ENV=test would give a development React
  });
}

type Site = Awaited<ReturnType<typeof serveConsole>>;

/**
 * One served console (fresh demo database) and one Chromium for the test file; `prepare` may add
 * data through the server before the first test.
 */
/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

export function consoleInBrowser(prepare?: (site: Site) => Promise<void>) {
  let browser: Browser;
  let site: Site;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureBuilt();
    fs.mkdirSync(shotsDir, { recursive: true });
    [site, browser] = await Promise.all([serveConsole(distDir), launchChromium()]);
    await prepare?.(site);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await site?.close();
  });

  /** A fresh browser profile: no cookies, no stored language, the given browser language. */
  async function openPage(locale = 'zh-CN', options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale,
      timezoneId: 'Asia/Shanghai',
      baseURL: site.url,
      ...options, // e.g. a touch tablet: hasTouch, isMobile
    });
    contexts.push(context);
    return context.newPage();
  }

  return { openPage, site: () => site };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=main-nav]').waitFor();
}

export const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

export async function screenshot(page: Page, name: string) {
  await page.mouse.move(1439, 899); // no hover highlight left on whatever was clicked last
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(350); // let antd's enter and hover transitions finish
  await page.screenshot({ path: path.join(shotsDir, name) });
}

export async function chooseOption(page: Page, select: string, label: string) {
  await page.locator(select).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}
