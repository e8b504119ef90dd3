import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from '../../console/test/browser.ts';
import { orders } from '../../server/src/db/order-schema.ts';
import { businesses, customers, stores } from '../../server/src/db/schema.ts';
import { appDir, distOf } from './build.ts';
import { type Site, serveMiniapp } from './serve.ts';

// The H5 build in a phone-sized Chromium against the real server with the demo data.
export const shotsDir = path.resolve(appDir, '../../test-artifacts/screenshots/miniapp');
export const H5_FIRST_LOAD_BUDGET = 200 * 1024;

/** What every H5 test file shares: the site, the browser and the demo restaurant's store A. */
export const env = {
  site: null as unknown as Site,
  browser: null as unknown as Browser,
  storeA: '',
  restaurantId: '',
};
let site: Site;
let browser: Browser;
let storeA = '';
let restaurantId = '';

/** Registers the file's hooks: a fresh demo server and Chromium, the server clock at noon in Shanghai. */
export function startH5Site() {
  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    [site, browser] = await Promise.all([serveMiniapp(distOf('h5')), launchChromium()]);
    const db = site.api.database.db;
    const [b] = await db.select().from(businesses).where(eq(businesses.slug, 'demo-restaurant'));
    restaurantId = b!.id;
    const [s] = await db
      .select()
      .from(stores)
      .where(and(eq(stores.businessId, b!.id), eq(stores.code, 'A')));
    storeA = s!.id;
    Object.assign(env, { site, browser, storeA, restaurantId });
    // 12:00 in Shanghai on the server: the store is open, breakfast is over
    const now = site.api.clock.now().getTime();
    const noon = new Date(now);
    noon.setUTCHours(4, 0, 0, 0);
    if (noon.getTime() <= now) noon.setUTCDate(noon.getUTCDate() + 1);
    site.api.clock.advance(noon.getTime() - now);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
}

export async function phone(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });
  return context.newPage();
}

export const settle = (page: Page) => page.waitForTimeout(700); // page transitions
export const shot = async (page: Page, name: string) => {
  await settle(page);
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
};
export const visible = (page: Page) => page.locator('.taro_page:visible').last();

export async function signIn(page: Page, mobile: string) {
  const p = visible(page);
  await p.locator('[data-testid="phone"] input').fill(mobile);
  await p.getByText('获取验证码').click();
  await expect.poll(() => p.locator('[data-testid="code"] input').inputValue()).toMatch(/^\d{6}$/);
  await p.locator('[data-testid="login"]').click();
}

export const ordersOf = async (phoneNumber: string) => {
  const db = site.api.database.db;
  const [c] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.businessId, restaurantId), eq(customers.phone, phoneNumber)));
  return c ? db.select().from(orders).where(eq(orders.customerId, c.id)) : [];
};

/** Store page from a table QR link → sign in → two dishes (one with options) in the cart. */
export async function fillCart(page: Page, mobile: string, shots = false) {
  const js: { url: string; body: Buffer }[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) js.push({ url: r.url(), body: await r.body().catch(() => Buffer.alloc(0)) });
  });
  await page.goto(`${site.url}/m/?store=${storeA}&table=12#/pages/home/index`);
  const home = visible(page);
  await expect.poll(() => home.textContent()).toContain('人民广场店');
  await expect.poll(() => home.textContent()).toContain('桌号 12');
  const firstLoad = js.reduce((n, f) => n + gzipSync(f.body).length, 0);
  if (shots) await shot(page, '01-home');

  await home.getByText('开始点餐').click();
  let menu = visible(page);
  await expect.poll(() => menu.textContent()).toContain('红烧牛肉面');
  if (shots) await shot(page, '02-menu-guest');
  // adding before signing in leads to sign-in, then back to the menu
  await menu.locator('.menu-item', { hasText: '卤蛋' }).locator('.stepper-btn').last().click();
  await expect.poll(() => visible(page).textContent()).toContain('获取验证码');
  if (shots) await shot(page, '03-sign-in');
  await signIn(page, mobile);
  menu = visible(page);
  await expect.poll(() => menu.locator('.menu-item').count()).toBeGreaterThan(5);
  await expect.poll(() => menu.textContent()).toContain('去结算');

  const egg = menu.locator('.menu-item', { hasText: '卤蛋' });
  await egg.locator('.stepper-btn').last().click();
  await egg.locator('.stepper-btn').last().click();
  await expect.poll(() => egg.locator('.stepper-value').textContent()).toBe('2');

  await menu.locator('.menu-item', { hasText: '红烧牛肉面' }).click();
  const product = visible(page);
  await expect.poll(() => product.textContent()).toContain('辣度');
  await product.locator('.chip', { hasText: '大碗' }).click();
  await product.locator('.chip', { hasText: '微辣' }).click();
  await product.locator('.chip', { hasText: '加蛋' }).click();
  if (shots) await shot(page, '04-product');
  await product.getByText('加入购物车').click();
  menu = visible(page);
  // 卤蛋 2 × ¥3 + 红烧牛肉面 大碗 ¥37 + 加蛋 ¥2 = ¥45, priced by the server
  await expect.poll(() => menu.locator('[data-testid="cart-total"]').textContent()).toBe('¥45');
  await expect.poll(() => menu.locator('.cart-bar-badge').textContent()).toBe('3');
  if (shots) await shot(page, '05-menu-cart-bar');
  return firstLoad;
}

export async function toConfirm(page: Page, shots = false) {
  await visible(page).locator('.cart-bar').click();
  const cart = visible(page);
  await expect.poll(() => cart.locator('[data-testid="cart-line"]').count()).toBe(2);
  await expect.poll(() => cart.locator('[data-testid="quote-total"]').textContent()).toBe('¥45');
  expect(await cart.textContent()).toContain('大碗 / 微辣 / 加蛋');
  if (shots) await shot(page, '06-cart');
  await cart.locator('.bottom-bar .btn').click();
  const confirm = visible(page);
  await expect.poll(() => confirm.locator('[data-testid="quote-total"]').textContent()).toBe('¥45');
  expect(await confirm.locator('input').first().inputValue()).toBe('12');
  return confirm;
}
