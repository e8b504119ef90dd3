import fs from 'node:fs';
import path from 'node:path';
import { type Locale, permissions } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildReports } from '../../server/src/reports/refresh.ts';
import { seedDemoComplaints } from '../../server/src/seed/demo-complaints.ts';
import { demoBusinesses } from '../../server/src/seed/demo-data.ts';
import { seedDemoOrders } from '../../server/src/seed/demo-orders.ts';
import { en } from '../src/i18n/en.ts';
import { ja } from '../src/i18n/ja.ts';
import { zhCN } from '../src/i18n/zh-cn.ts';
import { consoleInBrowser, screenshot, shotsDir, signIn } from './browser.ts';

// Every page of the console in every language, against the real server and the demo data: one
// screenshot each for a person to look at, and the misses a machine can see — a raw dictionary key,
// an error page, a console error, an English UI string left on a Chinese or Japanese page.

const { openPage, site } = consoleInBrowser();
// the data `npm run demo` starts with: demo orders walked through the workflow, a complaint each,
// reports; in a hook of its own, as it takes a while on two busy cores
beforeAll(async () => {
  const deps = site().api.deps();
  await seedDemoOrders(deps);
  await seedDemoComplaints(deps);
  await rebuildReports(deps);
}, 180_000);

type Visit = {
  name: string;
  /** where to go: a path, the href of the first matching link on the current page, or something to do there */
  to: string | { link: string } | { action: (page: Page) => Promise<void> };
  /** what shows once the page has its data (beyond the page header and no spinner) */
  ready?: string;
  board?: boolean;
};

// Who sees which page: the restaurant's administrator for most, the factory for B2B pages
// (order entry with customers and price lists, customer accounts), and its approver.
const restaurantPages: Visit[] = [
  { name: 'orders', to: '/orders', ready: '.ant-table-row' },
  // a date picker's calendar: month and weekday names come from dayjs, not from Ant Design's locale
  {
    name: 'orders-calendar',
    to: { action: (page) => page.locator('[data-testid=orders-dates]').first().click() },
    ready: '.ant-picker-dropdown .ant-picker-cell-today',
  },
  { name: 'order-detail', to: { link: 'a.order-number' }, ready: '[data-testid=order-lines] .ant-table-row' },
  { name: 'exceptions', to: '/exceptions', ready: '.ant-table-row, .ant-empty' },
  { name: 'catalog', to: '/catalog', ready: '[data-testid=product-link]' },
  { name: 'product', to: { link: '[data-testid=product-link]' }, ready: '[data-testid=sku-row]' },
  { name: 'stock', to: '/catalog/stock', ready: '.ant-table-row' },
  { name: 'import', to: '/catalog/import', ready: '[data-testid=import-file]' },
  { name: 'reports', to: '/reports', ready: '[data-testid=reports-breakdown]' },
  { name: 'complaints', to: '/complaints', ready: '.ant-table-row' },
  { name: 'users', to: '/users', ready: '.ant-table-row' },
  { name: 'roles', to: '/roles', ready: '.matrix .ant-table-row' },
  { name: 'stores', to: '/stores', ready: '.ant-table-row' },
  { name: 'workflows', to: '/settings/workflows', ready: '[data-testid=workflow-link]' },
  { name: 'workflow', to: { link: '[data-testid=workflow-link]' }, ready: '[data-testid=workflow-diagram]' },
  {
    name: 'notifications',
    to: '/settings/notifications',
    ready: '[data-testid=notify-table] .ant-table-row',
  },
  { name: 'channels', to: '/settings/channels', ready: '.ant-table-row, .ant-empty' },
  { name: 'outbox', to: '/settings/outbox', ready: '.ant-table-row, .ant-empty' },
  { name: 'audit', to: '/audit', ready: '.ant-table-row' },
  { name: 'board', to: '/board', ready: '[data-testid=board-card]', board: true },
];
const factoryPages: Visit[] = [
  { name: 'order-entry', to: '/orders/new', ready: '[data-testid=order-form]' },
  { name: 'price-lists', to: '/catalog/price-lists', ready: '[data-testid=price-list-form]' },
  { name: 'customers', to: '/customers', ready: '[data-testid=customer-link]' },
  {
    name: 'customer-detail',
    to: { link: '[data-testid=customer-link]:has-text("上海云途")' },
    ready: '[data-testid=customer-profile]',
  },
  { name: 'factory-orders', to: '/orders', ready: '.ant-table-row' },
  {
    name: 'factory-order-detail',
    to: { link: 'a.order-number' },
    ready: '[data-testid=order-lines] .ant-table-row',
  },
];

// the approver has the factory's waiting approval in the inbox (the administrator is no approver)
const approverPages: Visit[] = [{ name: 'approvals', to: '/approvals', ready: '.ant-table-row' }];

const dictionaries: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, en, ja };
const keys = Object.keys(en);
const keyPrefixes = [...new Set([...keys, ...permissions].map((k) => k.split('.')[0]!))];
// a dotted word starting with a dictionary prefix, not inside a URL, an address or a file name
const rawKey = new RegExp(`(?<![\\w/@.:-])(?:${keyPrefixes.join('|')})(?:\\.[A-Za-z_]+)+(?![\\w/.@-])`, 'g');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const demoText = JSON.stringify(demoBusinesses);

/** English UI strings that must not show on a page in `locale`: placeholders become wildcards. */
function englishLeftovers(locale: Locale): { key: string; re: RegExp }[] {
  const own = Object.values(dictionaries[locale]).join('\n');
  return Object.entries(en)
    .filter(([, v]) => {
      const longest = v
        .split(/\{\w+\}/)
        .map((s) => s.trim())
        .sort((a, b) => b.length - a.length)[0]!;
      // UI words: a fixed part of six characters or more with a word of four letters; not a lone
      // lowercase word (a state key like "draft" is shown as a code), not a technical term the other
      // languages keep (SKU, Webhook, CSV, Enter), not a name in the demo data
      return (
        longest.length >= 6 &&
        /[A-Za-z]{4,}/.test(longest) &&
        !/^[a-z]+$/.test(v) &&
        !own.includes(v) &&
        !demoText.includes(v)
      );
    })
    .map(([key, v]) => ({
      key,
      re: new RegExp(
        `(?<![A-Za-z])${v
          .split(/\{\w+\}/)
          .map(escapeRegExp)
          .join('.+?')}(?![A-Za-z])`,
      ),
    }));
}

const englishDates =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\d (?:AM|PM)\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\bSu\s+Mo\s+Tu\b/;
const cjkDates = /\d+年\d+月|\d+月\d+日|星期|周[一二三四五六日]|[月火水木金土日]曜/;

/**
 * What a person reads: the visible text plus placeholders. Monospace text is left out: the console
 * sets codes in it on purpose (a permission's id under its name, an audit entry's changed fields).
 */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('.mono')].filter(
      (el) => !el.closest('.ant-select'),
    );
    const saved = hidden.map((el) => el.style.display);
    for (const el of hidden) el.style.display = 'none';
    const placeholders = [
      ...document.querySelectorAll<HTMLElement>('input[placeholder], textarea[placeholder]'),
    ]
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.getAttribute('placeholder'));
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, as a person sees it
    const text = `${document.body.innerText}\n${placeholders.join('\n')}`;
    hidden.forEach((el, i) => {
      el.style.display = saved[i]!;
    });
    return text;
  });

async function waitForContent(page: Page, visit: Visit) {
  await page.locator('.page-header, [data-testid=board]').first().waitFor({ timeout: 15_000 });
  if (visit.ready) await page.locator(visit.ready).first().waitFor({ timeout: 15_000 });
  // no spinner, skeleton or loading table left
  await expect
    .poll(() =>
      page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin').count(),
    )
    .toBe(0);
}

async function checkPage(page: Page, locale: Locale, visit: Visit, errors: string[], findings: string[]) {
  const where = `${locale}/${visit.name}`;
  const text = await visibleText(page);
  if (await page.locator('.ant-result').count())
    findings.push(
      `${where}: an error or "not allowed" result: ${await page.locator('.ant-result').first().textContent()}`,
    );
  if (/Something went wrong|Unexpected Application Error/i.test(text)) findings.push(`${where}: crash page`);
  for (const m of text.matchAll(rawKey)) findings.push(`${where}: raw key "${m[0]}"`);
  // a message shown without its values, or a template shown as it is stored
  for (const m of text.matchAll(/\{[A-Za-z]\w*\}/g)) findings.push(`${where}: raw placeholder "${m[0]}"`);
  if (locale !== 'en') {
    // a tag showing a code (a state key like "under_review") instead of its name
    const codes = await page
      .locator('.ant-tag')
      .evaluateAll((tags) =>
        tags.map((t) => t.textContent?.trim() ?? '').filter((x) => /^[a-z]+(?:_[a-z]+)*$/.test(x)),
      );
    for (const c of codes) findings.push(`${where}: code in a tag "${c}"`);
    for (const { key, re } of englishLeftovers(locale)) {
      const m = text.match(re);
      if (m) findings.push(`${where}: English "${m[0]}" (${key})`);
    }
    const date = text.match(englishDates);
    if (date) findings.push(`${where}: English date "${date[0]}"`);
  } else {
    // one of a countable thing in the plural ("1 users"): a count put into the "many" sentence
    const plural = text.match(
      /(?<![\d.,])\b1 (?:users|roles|orders|items|lines|rows|products|customers|SKUs)\b/,
    );
    if (plural) findings.push(`${where}: "${plural[0]}"`);
    const date = text.match(cjkDates);
    if (date) findings.push(`${where}: CJK date "${date[0]}"`);
  }
  for (const e of errors.splice(0)) findings.push(`${where}: console error: ${e}`);
}

async function tour(page: Page, locale: Locale, visits: Visit[], errors: string[], findings: string[]) {
  for (const visit of visits) {
    if (visit.board) await page.setViewportSize({ width: 1180, height: 820 });
    if (typeof visit.to === 'string') await page.goto(visit.to);
    else if ('action' in visit.to) await visit.to.action(page);
    else {
      const href = await page.locator(visit.to.link).first().getAttribute('href');
      expect(href, `${locale}/${visit.name}: link ${visit.to.link}`).toBeTruthy();
      await page.goto(href!);
    }
    try {
      await waitForContent(page, visit);
    } catch (e) {
      // a page that never shows its content is a finding; the screenshot shows what it showed instead
      findings.push(`${locale}/${visit.name}: no content (${visit.ready}): ${String(e).split('\n')[0]}`);
    }
    await checkPage(page, locale, visit, errors, findings);
    await screenshot(page, `${locale}/${visit.name}.png`);
    if (visit.board) await page.setViewportSize({ width: 1440, height: 900 });
  }
}

describe('every console page in every language', () => {
  it.each(['zh-CN', 'en', 'ja'] as const)(
    'shows every page in %s with no raw key, error or leftover English',
    async (locale) => {
      fs.mkdirSync(path.join(shotsDir, locale), { recursive: true });
      // the browser's language picks the console's: no switcher, nothing stored
      const page = await openPage(locale);
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      const findings: string[] = [];

      await signIn(page, 'rest-admin');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await tour(page, locale, restaurantPages, errors, findings);

      await page.context().clearCookies();
      await signIn(page, 'fact-admin');
      await tour(page, locale, factoryPages, errors, findings);

      await page.context().clearCookies();
      await signIn(page, 'fact-approver');
      await tour(page, locale, approverPages, errors, findings);

      expect(findings).toEqual([]);
    },
    300_000,
  );
});
