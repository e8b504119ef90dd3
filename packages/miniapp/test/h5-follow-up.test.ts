import { routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { attachments } from '../../server/src/db/attachment-schema.ts';
import { orders } from '../../server/src/db/order-schema.ts';
import { customers } from '../../server/src/db/schema.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { env, fillCart, ordersOf, phone, settle, shot, startH5Site, toConfirm, visible } from './h5-pages.ts';

// After the order: consent, live status through the store's real transitions, reorder, cancel; and
// the sales rep's journey with a photo.
startH5Site();

async function placeOrder(page: Page, mobile: string) {
  await fillCart(page, mobile);
  const confirm = await toConfirm(page);
  await confirm.locator('[data-testid="submit"]').click();
  const order = visible(page);
  await expect.poll(() => order.locator('[data-testid="order-state"]').textContent()).toBe('待接单');
  const [placed] = await ordersOf(mobile);
  return { order, id: placed!.id };
}

describe('order follow-up on H5', () => {
  it('asks for messages, shows accepted with a ready time, then ready, and reorders', async () => {
    const page = await phone();
    const { order, id } = await placeOrder(page, '13800000011');
    await expect.poll(() => order.locator('[data-testid="consent-prompt"]').count()).toBe(1);
    await shot(page, '13-consent-prompt');
    await order.locator('[data-testid="consent-allow"]').click();
    await expect.poll(() => order.locator('[data-testid="consent-prompt"]').count()).toBe(0);

    // the store works the order through the real workflow; the phone polls and follows
    const staff = await env.site.api.loginToken('rest-admin', DEMO_PASSWORD);
    const act = (action: string, input: Record<string, unknown> = {}) =>
      staff.call(routes.transitionOrder, { params: { id }, body: { action, input } });
    await act('accept', { prepMinutes: 15 });
    await expect
      .poll(() => order.locator('[data-testid="order-state"]').textContent(), { timeout: 15_000 })
      .toBe('已接单');
    await expect.poll(() => order.locator('[data-testid="order-eta"]').count()).toBe(1);
    expect(await order.locator('[data-testid="order-eta"]').textContent()).toMatch(/^预计 \d\d:\d\d 可取餐$/);
    expect(await order.locator('[data-testid="timeline"]').textContent()).toContain('待取餐');
    await shot(page, '14-order-accepted');
    await act('start');
    await act('ready');
    await expect
      .poll(() => order.locator('[data-testid="order-state"]').textContent(), { timeout: 15_000 })
      .toBe('待取餐');
    expect(await order.locator('[data-testid="action-cancel"]').count()).toBe(0);
    await shot(page, '15-order-ready');

    await order.locator('[data-testid="reorder"]').click();
    const cart = visible(page);
    await expect.poll(() => cart.locator('[data-testid="cart-line"]').count()).toBe(2);
    await expect.poll(() => cart.locator('[data-testid="quote-total"]').textContent()).toBe('¥45');
    await shot(page, '16-reorder-cart');

    await page.goto(`${env.site.url}/m/#/pages/profile/index`);
    const profile = visible(page);
    await expect
      .poll(() => profile.locator('[data-testid="consent-status"]').textContent())
      .toContain('已允许');
    await shot(page, '17-profile-consent');
    await page.context().close();
  });

  it('cancels while the store has not accepted, and the server agrees', async () => {
    const page = await phone();
    const { order, id } = await placeOrder(page, '13800000012');
    await order.locator('[data-testid="consent-deny"]').click();
    await order.locator('[data-testid="action-cancel"]').click();
    await settle(page);
    await page.locator('.taro-modal__foot div').last().click();
    await expect.poll(() => order.locator('[data-testid="order-state"]').textContent()).toBe('已取消');
    await shot(page, '18-order-cancelled');
    const [row] = await env.site.api.database.db.select().from(orders).where(eq(orders.id, id));
    expect(row!.state).toBe('cancelled');
    await page.context().close();
  });
});

describe('sales-rep mode on H5', () => {
  it('signs in, sees reminders, builds an order at the account prices with a photo, submits it', async () => {
    const api = env.site.api;
    const rep = await api.loginToken('fact-sales1', DEMO_PASSWORD);
    const admin = await api.loginToken('fact-admin', DEMO_PASSWORD);
    const db = api.database.db;
    const [account] = await db.select().from(customers).where(eq(customers.name, '上海云途科技有限公司'));
    const products = await rep.call(routes.listProducts, { query: { limit: 5 } });
    // an order of the rep's that the factory cancelled: a reminder on the desk
    const dropped = await rep.call(routes.createOrder, {
      body: {
        storeId: account!.storeId!,
        customerId: account!.id,
        fulfilment: 'shipment',
        lines: [{ skuId: products.items[0]!.skus[0]!.id, quantity: 1 }],
      },
    });
    await admin.call(routes.transitionOrder, {
      params: { id: dropped.id },
      body: { action: 'cancel', input: { reason: '客户撤单' } },
    });

    const before = (await db.select().from(orders).where(eq(orders.customerId, account!.id))).length;
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = await phone(locale);
      const suffix = locale === 'en' ? '-en' : '';
      await page.goto(`${env.site.url}/m/#/pages/profile/index`);
      await visible(page).locator('[data-testid="staff-entry"]').click();
      const login = visible(page);
      await expect.poll(() => login.locator('[data-testid="staff-login"]').count()).toBe(1);
      await login.locator('[data-testid="staff-username"] input').fill('fact-sales1');
      await login.locator('[data-testid="staff-password"] input').fill(DEMO_PASSWORD);
      await shot(page, `20-staff-login${suffix}`);
      await login.locator('[data-testid="staff-login"]').click();
      const desk = visible(page);
      await expect.poll(() => desk.locator('[data-testid="staff-name"]').textContent()).toBe('沈销售');
      await expect.poll(() => desk.locator('[data-testid="reminder"]').count()).toBeGreaterThan(0);
      expect(await desk.locator('[data-testid="reminders"]').textContent()).toContain(dropped.number);
      await shot(page, `21-staff-desk${suffix}`);

      await desk.locator('[data-testid="staff-new-order"]').click();
      const form = visible(page);
      await expect.poll(() => form.locator('[data-testid="customer-option"]').count()).toBeGreaterThan(0);
      await shot(page, `22-staff-customers${suffix}`);
      await form.locator('[data-testid="customer-option"]', { hasText: '上海云途' }).click();
      await expect.poll(() => form.locator('[data-testid="staff-product"]').count()).toBeGreaterThan(0);
      const first = form.locator('[data-testid="staff-product"]').first();
      await first.locator('.stepper-btn').last().click();
      await first.locator('.stepper-btn').last().click();
      const quote = form.locator('[data-testid="staff-quote"]');
      await expect.poll(() => quote.locator('[data-testid="quote-total"]').count()).toBe(1);
      // the account's price list, priced by the server
      expect(await quote.textContent()).toContain(locale === 'en' ? 'Account price' : '协议价');

      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } },
      })
        .png()
        .toBuffer();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        form.locator('[data-testid="add-photo"]').click(),
      ]);
      await chooser.setFiles({ name: 'site.png', mimeType: 'image/png', buffer: png });
      await expect.poll(() => form.locator('[data-testid="staff-photo"]').count()).toBe(1);
      await shot(page, `23-staff-new-order${suffix}`);
      // a double tap still makes one order (one idempotency key for the screen)
      await form.locator('[data-testid="staff-submit"]').dblclick();
      await expect
        .poll(() => visible(page).locator('[data-testid="staff-placed"]').count(), { timeout: 20_000 })
        .toBe(1);
      await shot(page, `24-staff-placed${suffix}`);

      const mine = await db
        .select()
        .from(orders)
        .where(and(eq(orders.customerId, account!.id), eq(orders.channel, 'console')));
      const latest = mine.sort((a, b) => +b.createdAt - +a.createdAt)[0]!;
      expect(latest.state).toBe('submitted');
      expect(latest.total).toBeGreaterThan(0);
      const files = await db
        .select()
        .from(attachments)
        .where(and(eq(attachments.parentType, 'order'), eq(attachments.parentId, latest.id)));
      expect(files).toHaveLength(1);
      await page.context().close();
    }
    // two runs, two double taps: exactly two orders
    expect((await db.select().from(orders).where(eq(orders.customerId, account!.id))).length).toBe(
      before + 2,
    );
  });
});
