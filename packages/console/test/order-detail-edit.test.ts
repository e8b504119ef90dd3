import { type ApiClient, type Order, routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { chooseOption, consoleInBrowser, screenshot, signIn } from './browser.ts';

// A submitted B2B order edited from its detail page by the coordinator: lines, quantities, discounts.
let coord: ApiClient;
let factoryStore = '';
let customerId = '';
let chairSku = '';

const { openPage } = consoleInBrowser(async (s) => {
  coord = await s.api.loginToken('fact-coord', DEMO_PASSWORD);
  factoryStore = (await coord.call(routes.me)).stores[0]!.id;
  customerId = (await coord.call(routes.listCustomers, { query: { q: '云途' } })).items[0]!.id;
  chairSku = (await coord.call(routes.listProducts, { query: { q: 'ErgoPro' } })).items[0]!.skus[0]!.id;
});

// 人体工学椅 ErgoPro ¥1,280 and 钢制文件柜 F4 ¥890 at 云途's key-account price list (−10 %), 13 % tax on top
const ergo = 128000 * 0.9;
const cabinet = 89000 * 0.9;
const yuan = (minor: number) =>
  `¥${(Math.round(minor) / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;
const withTax = (net: number) => net * 1.13;

const submitted = (quantity = 2) =>
  coord.call(routes.createOrder, {
    body: {
      storeId: factoryStore,
      customerId,
      fulfilment: 'shipment',
      lines: [{ skuId: chairSku, quantity }],
    },
  });
const editor = (page: Page) => page.locator('[data-testid=order-lines-edit-form]');
const editorTotal = (page: Page) => editor(page).locator('[data-testid=amount-total]');
const quoteReady = (page: Page) =>
  editor(page).locator('[data-testid=order-summary][data-quote-ready=true]').waitFor();
const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

async function openEditor(page: Page, o: Order) {
  await page.goto(`/orders/${o.id}`);
  await page.locator('[data-testid=order-number]').waitFor();
  await page.locator('[data-testid=order-edit-lines]').click();
  await editor(page).locator('[data-testid=line-0-quantity]').waitFor();
  await quoteReady(page);
}

describe('editing a submitted order from its detail page', () => {
  it('changes a quantity and adds a line from the keyboard, re-quoted by the server, then saves', async () => {
    const o = await submitted(2);
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-coord');
    await openEditor(page, o);
    expect(await editorTotal(page).textContent()).toBe(yuan(withTax(ergo * 2)));

    // quantity 2 → 3; Enter goes to the lookup, Enter on a product adds it with the cursor in its quantity
    await editor(page).locator('[data-testid=line-0-quantity]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('product-search');
    await page.keyboard.type('文件柜');
    await option(page, '文件柜').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    const expected = yuan(withTax(ergo * 3 + cabinet * 2));
    await expect.poll(() => editorTotal(page).textContent(), { timeout: 10_000 }).toBe(expected);
    await quoteReady(page);
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await screenshot(page, 'order-lines-edit-zh.png');

    await page.keyboard.press('Control+Enter');
    await editor(page).waitFor({ state: 'detached' });
    const lines = page.locator('[data-testid=order-lines] .ant-table-row');
    await expect.poll(() => lines.count()).toBe(2);
    expect(await page.locator('[data-testid=order-detail] [data-testid=amount-total]').textContent()).toBe(
      expected,
    );
    expect(await lines.nth(0).textContent()).toContain('3');
    expect(await lines.nth(1).textContent()).toContain('文件柜');
    // the server holds the same: re-priced, one version on, no approval needed for this edit
    const saved = await coord.call(routes.getOrder, { params: { id: o.id } });
    expect([saved.version, saved.lines.length, yuan(saved.total), saved.workflow?.approval]).toEqual([
      o.version + 1,
      2,
      expected,
      null,
    ]);

    // the edit is in the timeline for whoever may read the audit (the coordinator may not)
    const admin = await openPage('zh-CN');
    await signIn(admin, 'fact-admin');
    await admin.goto(`/orders/${o.id}`);
    const entry = admin.locator('[data-testid=order-timeline] [data-kind=audit]', { hasText: '修改订单' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('× 3');
  }, 90_000);

  it('a discount past the approval threshold sends the order to approval, and says so', async () => {
    const o = await submitted(2);
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-coord');
    await openEditor(page, o);
    await chooseOption(
      page,
      '[data-testid=order-lines-edit-form] [data-testid=order-discount] .ant-select',
      '%',
    );
    await editor(page).locator('[data-testid=order-discount] input.ant-input-number-input').fill('15');
    await expect
      .poll(() => editorTotal(page).textContent(), { timeout: 10_000 })
      .toBe(yuan(withTax(ergo * 2 * 0.85)));
    await editor(page).locator('[data-testid=edit-lines-save]').click();
    await page.locator('[data-testid=edit-approval-notice]').waitFor();
    expect(await page.locator('.ant-notification').textContent()).toContain('折扣超过 10%');
    await page.locator('[data-testid=approval-waiting]').waitFor();
    await screenshot(page, 'order-lines-edit-approval-zh.png');
    const saved = await coord.call(routes.getOrder, { params: { id: o.id } });
    expect(saved.workflow?.approval).toMatchObject({ status: 'pending', rules: [{ key: 'discount_10' }] });

    // the approver may read the order but not edit it: no button
    const approver = await openPage('zh-CN');
    await signIn(approver, 'fact-approver');
    await approver.goto(`/orders/${o.id}`);
    await approver.locator('[data-testid=order-number]').waitFor();
    expect(await approver.locator('[data-testid=order-edit-lines]').count()).toBe(0);
  }, 90_000);

  it('a stale version shows the conflict and reloads; a server refusal lands on its cell', async () => {
    const o = await submitted(2);
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-coord');
    await openEditor(page, o);
    // someone else edits the order meanwhile
    await coord.call(routes.editOrder, {
      params: { id: o.id },
      body: { expectedVersion: o.version, lines: [{ skuId: chairSku, quantity: 4 }] },
    });
    await editor(page).locator('[data-testid=line-0-quantity]').fill('5');
    await quoteReady(page);
    await editor(page).locator('[data-testid=edit-lines-save]').click();
    const conflict = page.locator('[data-testid=edit-conflict]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`${o.version + 1}`);
    expect(await editor(page).locator('[data-testid=edit-lines-save]').isDisabled()).toBe(true);
    await screenshot(page, 'order-lines-edit-conflict-zh.png');

    // reload: the editor starts again from the order as it is now
    await page.locator('[data-testid=edit-reload]').click();
    await conflict.waitFor({ state: 'detached' });
    await expect.poll(() => editor(page).locator('[data-testid=line-0-quantity]').inputValue()).toBe('4');

    // more than the stock: the server's refusal names the quantity of that line
    await editor(page).locator('[data-testid=line-0-quantity]').fill('5000');
    await editor(page).locator('[data-testid=line-0-unavailable]').waitFor();
    await editor(page).locator('[data-testid=edit-lines-save]').click();
    const cell = editor(page).locator('[data-testid=line-0-quantity-cell] .cell-error');
    await cell.waitFor();
    expect(await cell.textContent()).toContain('EP');
    expect((await coord.call(routes.getOrder, { params: { id: o.id } })).lines[0]!.quantity).toBe(4);
  }, 90_000);
});
