import { routes } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { businesses } from '../../server/src/db/schema.ts';
import { outbox } from '../../server/src/db/workflow-schema.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { chooseOption, consoleInBrowser, rows, screenshot, signIn } from './browser.ts';

let deadId = '';

const { openPage, site } = consoleInBrowser(async (s) => {
  const admin = await s.api.loginToken('fact-admin', DEMO_PASSWORD);
  await admin.call(routes.createWebhook, {
    body: { url: 'http://127.0.0.1:9/orderloop-hook', events: ['new_order'], description: 'ERP 接收端' },
  });
  // an order submitted now writes its notices to the outbox; one of them is made a dead letter, as
  // the worker leaves a delivery after its last failed attempt
  const [product] = (await admin.call(routes.listProducts, { query: { limit: 1 } })).items;
  const [account] = (await admin.call(routes.listCustomers, { query: { kind: 'account', limit: 1 } })).items;
  const me = await admin.call(routes.me);
  await admin.call(routes.createOrder, {
    body: {
      storeId: me.stores[0]!.id,
      customerId: account!.id,
      fulfilment: 'shipment',
      lines: [{ skuId: product!.skus[0]!.id, quantity: 1 }],
      submit: true,
    } as never,
  });
  const db = s.api.database.db;
  const [biz] = await db.select().from(businesses).where(eq(businesses.slug, 'demo-factory'));
  const written = await db.select().from(outbox).where(eq(outbox.businessId, biz!.id));
  const row = written.find((r) => r.channel === 'webhook') ?? written[0];
  if (!row) throw new Error('submitting an order wrote no outbox row');
  deadId = row.id;
  await db
    .update(outbox)
    .set({ status: 'dead', attempts: 8, lastError: 'HTTP 500 from http://127.0.0.1:9/orderloop-hook' })
    .where(eq(outbox.id, row.id));
});

const adminApi = () => site().api.loginToken('fact-admin', DEMO_PASSWORD);
const lastRow = (page: Page, table: string) => page.locator(`[data-testid=${table}] tr.ant-table-row`).last();

describe('settings pages', { timeout: 90_000 }, () => {
  it('edits the roles matrix and the server keeps it', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/roles"]').click();
    const cell = page.locator('[aria-label="cashier:exports.run"]');
    await cell.waitFor();
    expect(await cell.isChecked()).toBe(false);
    // the admin role is read-only: no checkbox, only ticks
    expect(await page.locator('input[aria-label="admin:orders.read"]').count()).toBe(0);
    await cell.check();
    await page.locator('[data-testid=roles-save]').click();
    await expect.poll(() => page.locator('[data-testid=roles-save]').isDisabled()).toBe(true);
    const roles = await (await adminApi()).call(routes.listRoles);
    expect(roles.find((r) => r.key === 'cashier')?.permissions).toContain('exports.run');
    await screenshot(page, 'roles-matrix-zh.png');
  });

  it('refuses a copied workflow with an unreachable state, then publishes the fixed copy', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/workflows"]').click();
    await page.locator('[data-testid=workflow-link]').first().waitFor();
    await screenshot(page, 'workflows-zh.png');
    await page.locator('[data-testid=workflow-link]').first().click();
    await page.locator('[data-testid=workflow-diagram] [data-state]').first().waitFor();
    await screenshot(page, 'workflow-diagram-zh.png');

    await page.locator('[data-testid=workflow-copy]').click();
    await page.locator('[data-testid=state-add]').click();
    await lastRow(page, 'states-table').locator('[data-testid=state-key]').fill('quality_hold');
    await page.locator('[data-testid=workflow-publish]').click();
    const invalid = page.locator('[data-testid=workflow-invalid]');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain('状态“quality_hold”无法到达');
    expect(await lastRow(page, 'states-table').locator('.field-problem').textContent()).toContain('无法到达');
    expect(await page.locator('[data-testid=workflow-diagram] [data-state=quality_hold]').count()).toBe(1);
    await screenshot(page, 'workflow-invalid-zh.png');

    // make it a done state that an action leads to, then validate and publish
    await chooseOption(
      page,
      '[data-testid=states-table] tr.ant-table-row:last-child td:nth-child(3) .ant-select',
      '已完成',
    );
    await page.locator('[data-testid=transition-add]').click();
    // the state list is long: type to find the new state, as a person would
    await page
      .locator('[data-testid=transitions-table] tr.ant-table-row:last-child td:nth-child(4) .ant-select')
      .click();
    await page.keyboard.type('quality_hold');
    // pick the filtered option once it is there (Enter before the filter settles picks nothing)
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'quality_hold' })
      .first()
      .click();
    await page.locator('[data-testid=workflow-validate]').click();
    await page.locator('[data-testid=workflow-valid]').waitFor();
    expect(await page.locator('[data-testid=workflow-valid]').textContent()).toContain('v2');
    await page.locator('[data-testid=workflow-publish]').click();
    await expect.poll(() => page.locator('.page-header').textContent()).toContain('v2');
    const published = (await (await adminApi()).call(routes.listWorkflows)).items.find(
      (w) => w.version === 2,
    );
    expect(published?.definition.states.map((s) => s.key)).toContain('quality_hold');
    expect(published?.current).toBe(true);
  });

  it('retries a dead delivery from the outbox', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/outbox"]').click();
    await page.locator('[data-testid=outbox-status]').getByText('失败').click();
    await page.waitForURL(/status=dead/);
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('HTTP 500');
    await screenshot(page, 'outbox-zh.png');
    await rows(page).first().locator('[data-testid=outbox-retry]').click();
    await expect.poll(() => rows(page).count()).toBe(0);
    const after = await (await adminApi()).call(routes.listDeliveries, { query: { limit: 200 } });
    expect(after.items.find((d) => d.id === deadId)?.status).not.toBe('dead');
  });

  it('switches a notice off in the notification rules', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/notifications"]').click();
    const toggle = page.locator('[data-testid=notify-enabled-order_overdue]');
    await toggle.waitFor();
    await screenshot(page, 'notifications-zh.png');
    await toggle.click();
    await page.locator('[data-testid=notify-save]').click();
    await expect.poll(() => page.locator('[data-testid=notify-save]').isDisabled()).toBe(true);
    const settings = await (await adminApi()).call(routes.getNotificationSettings);
    expect(settings.events.order_overdue?.enabled).toBe(false);
  });

  it('writes a notice in its own words, refusing a placeholder the server would not fill', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/notifications"]').click();
    await page.locator('[data-testid=notify-texts-order_approved]').click();
    await page.locator('[data-testid=notice-text-tab-en]').click();
    const title = page.locator('[data-testid=notice-text-title-en]');
    await title.fill('Approved: {numbr}');
    await page.getByText('Only the placeholders listed above can be used').waitFor();
    expect(await page.locator('[data-testid=notice-text-apply]').isDisabled()).toBe(true);
    await title.fill('Approved: {number} for {customer}');
    await expect
      .poll(() => page.locator('[data-testid=notice-text-preview-en]').textContent())
      .toContain('Approved: A-20261122-0042 for Ms Wang');
    await screenshot(page, 'notice-text-en.png');
    await page.locator('[data-testid=notice-text-apply]').click();
    await page.locator('[data-testid=notify-save]').click();
    await expect.poll(() => page.locator('[data-testid=notify-save]').isDisabled()).toBe(true);
    const settings = await (await adminApi()).call(routes.getNotificationSettings);
    // only the language that changed is stored; the others keep following the built-in words
    expect(settings.events.order_approved?.texts).toEqual({
      en: { title: 'Approved: {number} for {customer}', body: expect.any(String) },
    });
    expect(await page.locator('[data-testid=notify-texts-order_approved]').textContent()).toBe('Own words');
  });

  it('shows an account with its price list, sales rep and orders', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/customers"]').click();
    await rows(page).first().waitFor();
    await page.locator('[data-testid=customer-link]').first().click();
    await page.locator('[data-testid=customer-profile]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid=customer-orders] tr.ant-table-row').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'account-detail-zh.png');
    await page.locator('[data-testid=customer-orders-link]').click();
    await page.waitForURL(/\/orders\?customerId=/);
  });

  it('creates a B2B account with a price list and opens it', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.goto('/customers');
    await page.locator('[data-testid=account-new]').click();
    await page.locator('[data-testid=account-name]').fill('浏览器测试贸易公司');
    await chooseOption(page, '.ant-modal .ant-form-item:last-child .ant-select', '大客户价');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=customer-profile]').waitFor();
    const id = page.url().split('/').pop()!;
    const saved = await (await adminApi()).call(routes.getCustomer, { params: { id } });
    expect(saved).toMatchObject({ kind: 'account', name: '浏览器测试贸易公司' });
    expect(saved.priceListId).not.toBeNull();
  });

  it('shows the settings pages in English', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    const pages: [string, string, string][] = [
      ['/roles', '.matrix .ant-table-row', 'roles-matrix-en.png'],
      ['/settings/workflows', '[data-testid=workflow-link]', 'workflows-en.png'],
      ['/settings/notifications', '[data-testid=notify-table] .ant-table-row', 'notifications-en.png'],
      ['/settings/channels', '[data-testid=secret-masked]', 'channels-en.png'],
      ['/settings/outbox', '[data-testid=outbox-table] .ant-table-row', 'outbox-en.png'],
      ['/customers', '[data-testid=customer-link]', 'customers-en.png'],
    ];
    for (const [path, ready, shot] of pages) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await screenshot(page, shot);
    }
    expect(await page.locator('[data-testid=main-nav]').textContent()).toContain('Deliveries');
    await page.goto('/settings/workflows');
    await page.locator('[data-testid=workflow-link]').first().click();
    await page.locator('[data-testid=workflow-diagram] [data-state]').first().waitFor();
    await screenshot(page, 'workflow-diagram-en.png');
  });

  it('answers a page the user may not open with a 403 notice, and hides its navigation', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-sales1');
    expect(await page.locator('[data-nav="/settings/outbox"]').count()).toBe(0);
    await page.goto('/settings/outbox');
    await page.getByText('Not allowed').waitFor();
  });
});
