import fs from 'node:fs';
import { type ApiClient, routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// Working on many orders from the list: batch actions, export, saved views, keys, live arrivals.
let staff: ApiClient;
let storeA = '';
let skuId = '';
const ids: string[] = [];
const TAG = 'batch50';

const { openPage } = consoleInBrowser(async (s) => {
  staff = await s.api.loginToken('rest-staff', DEMO_PASSWORD);
  const me = await staff.call(routes.me);
  storeA = me.stores[0]!.id;
  const products = await staff.call(routes.listProducts, { query: { q: '生煎' } });
  skuId = products.items[0]!.skus[0]!.id;
  // ten at a time: quicker on a busy machine, and the ids keep their order
  for (let i = 0; i < 50; i += 10) {
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, j) => newOrder([TAG, (i + j) % 2 ? 'odd' : 'even'])),
    );
    ids.push(...made.map((o) => o.id));
  }
});

const newOrder = (tags: string[] = []) =>
  staff.call(routes.createOrder, {
    body: { storeId: storeA, fulfilment: 'pickup', lines: [{ skuId, quantity: 1 }], tags },
  });

const grid = (page: Page) => page.locator('[data-testid=orders-table]');
const rows = (page: Page) => grid(page).locator('.ant-table-row');
const shownCount = async (page: Page) =>
  Number((await page.locator('.load-more').textContent())?.match(/\d+/)?.[0] ?? 0);

describe('the orders list, many at once', () => {
  it('batch-accepts 50 orders and says which succeeded and which failed, and why', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-staff');
    await page.goto(`/orders?tag=${TAG}&state=submitted`);
    await expect.poll(() => shownCount(page)).toBe(50);
    // the list shows the workflow's name of the state and when it is due
    expect(await rows(page).first().locator('[data-state=submitted]').textContent()).toBe('待接单');

    await grid(page).locator('.ant-table-thead .ant-checkbox-input').click();
    await expect.poll(() => page.locator('[data-testid=batch-count]').textContent()).toBe('已选 50 单');
    expect(new URL(page.url()).searchParams.get('sel')?.split(',').length).toBe(50);
    const accept = page.locator('[data-batch-action=accept]');
    expect(await accept.textContent()).toContain('50/50');

    // meanwhile two of them are accepted elsewhere: the batch cannot accept those again
    for (const id of ids.slice(0, 2))
      await staff.call(routes.transitionOrder, { params: { id }, body: { action: 'accept' } });

    await accept.click();
    await page.locator('.ant-modal-confirm [data-testid=batch-confirm]').click();
    const result = page.locator('[data-testid=batch-result]');
    await result.waitFor();
    expect(await page.locator('[data-testid=batch-result-counts]').textContent()).toBe(
      '成功 48 单，失败 2 单',
    );
    const failures = result.locator('[data-testid=batch-failures] .ant-table-row');
    expect(await failures.count()).toBe(2);
    const failure = await failures.first().textContent();
    expect(failure).toMatch(/A-\d{8}-\d{4}/);
    expect(failure).toMatch(/[A-Z_]{5,}/); // the stable code
    await screenshot(page, 'orders-batch-result-zh.png');

    // the server has them accepted; the list follows
    const accepted = await staff.call(routes.listOrders, {
      query: { tag: TAG, state: ['accepted'], limit: 100 },
    });
    expect(accepted.items.length).toBe(50);
    await page.locator('[data-testid=batch-result-close]').click();
    await expect.poll(() => rows(page).count()).toBe(0);
    // the two that failed stay selected
    expect(new Set(new URL(page.url()).searchParams.get('sel')?.split(','))).toEqual(
      new Set(ids.slice(0, 2)),
    );
  }, 90_000);

  it('exports the filtered list and the file holds exactly those orders', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-staff');
    await page.goto(`/orders?tag=odd`);
    await expect.poll(() => shownCount(page)).toBe(25);
    await page.locator('[data-testid=orders-export]').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-dropdown-menu-item', { hasText: 'CSV' }).click(),
    ]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // headers in the user's language, the visible columns
    expect(header).toContain('订单号');
    expect(header).toContain('订单金额');
    expect(lines.length).toBe(25);
    const numbers = new Set(lines.map((l) => l.split(',')[0]!.replace(/"/g, '')));
    const odd = await staff.call(routes.listOrders, { query: { tag: 'odd', limit: 100 } });
    expect(numbers).toEqual(new Set(odd.items.map((o) => o.number)));
  });

  it('saves a view, moves with j/k, selects with x, and shows a new order live with a badge', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-staff');
    await page.goto('/orders?tag=even&sort=number');
    await expect.poll(() => shownCount(page)).toBe(25);

    // save the view, leave it, come back through it
    await page.locator('[data-testid=saved-views-save]').click();
    await page.locator('[data-testid=saved-views-name]').fill('偶数单');
    await page.locator('[data-testid=saved-views-confirm]').click();
    await page.waitForURL(/view=/);
    await page.goto('/orders');
    await rows(page).first().waitFor();
    await page.locator('[data-testid=saved-views-select]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '偶数单' }).click();
    await page.waitForURL(/tag=even/);
    expect(page.url()).toContain('sort=number');
    await expect.poll(() => shownCount(page)).toBe(25);

    // j j x: the second row is checked
    await grid(page).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(() => page.locator('[data-testid=batch-count]').textContent()).toBe('已选 1 单');
    const second = await rows(page).nth(1).getAttribute('data-row-key');
    expect(new URL(page.url()).searchParams.get('sel')).toBe(second);
    const first = await rows(page).first().getAttribute('data-row-key');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/orders/${first}`);

    // a new order arrives while the list is open
    await page.goto('/orders?tag=live');
    await page.locator('[data-testid=live-status][data-status=open]').waitFor();
    expect(await page.locator('[data-testid=live-new]').getAttribute('data-count')).toBe('0');
    const fresh = await newOrder(['live']);
    await grid(page).locator(`[data-row-key="${fresh.id}"]`).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid=live-new]').getAttribute('data-count')).toBe('1');
    expect(await grid(page).locator(`[data-row-key="${fresh.id}"]`).getAttribute('class')).toContain(
      'row-new',
    );
    await page.goto('/orders');
    await rows(page).first().waitFor();
    await screenshot(page, 'orders-list-live-zh.png');
  }, 60_000);
});
