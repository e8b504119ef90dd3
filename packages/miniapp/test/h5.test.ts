import { describe, expect, it } from 'vitest';
import {
  env,
  fillCart,
  H5_FIRST_LOAD_BUDGET,
  ordersOf,
  phone,
  shot,
  startH5Site,
  toConfirm,
  visible,
} from './h5-pages.ts';
import { kb } from './sizes.ts';

// The H5 build in a phone-sized Chromium against the real server with the demo data.
startH5Site();

describe('customer journey on H5', () => {
  it('browses, fills the cart at server prices, submits and finds the order in My orders', async () => {
    const page = await phone();
    const firstLoad = await fillCart(page, '13800000001', true);
    console.log(`H5 first-load JS (gzip): ${kb(firstLoad)} (budget ${kb(H5_FIRST_LOAD_BUDGET)})`);
    expect(firstLoad).toBeLessThan(H5_FIRST_LOAD_BUDGET);

    const confirm = await toConfirm(page, true);
    await confirm.locator('textarea').fill('少放葱');
    await shot(page, '07-confirm');
    await confirm.locator('[data-testid="submit"]').click();
    const order = visible(page);
    await expect.poll(() => order.locator('[data-testid="order-state"]').textContent()).toBe('待接单');
    expect(await order.textContent()).toContain('¥45');
    await shot(page, '08-order');

    const placed = await ordersOf('13800000001');
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({
      total: 4500,
      fulfilment: 'dine_in',
      fulfilmentDetails: { tableNumber: '12' },
      notes: '少放葱',
      channel: 'miniapp',
    });

    await order.getByText('继续点餐').click();
    await expect.poll(() => visible(page).textContent()).toContain('去结算');
    await visible(page).locator('.menu-head').click();
    await visible(page).locator('.tab-nav-item', { hasText: '订单' }).click();
    const list = visible(page);
    await expect.poll(() => list.locator('[data-testid="order-row"]').count()).toBe(1);
    expect(await list.textContent()).toContain(placed[0]!.number);
    await shot(page, '09-my-orders');

    // the same screens in English
    await list.locator('.tab-nav-item', { hasText: '我的' }).click();
    const profile = visible(page);
    await profile.getByText('English').click();
    await expect.poll(() => profile.textContent()).toContain('Sign out');
    await shot(page, '10-profile-en');
    await profile.locator('.tab-nav-item', { hasText: /^Order$/ }).click();
    await expect.poll(() => visible(page).textContent()).toContain('Checkout');
    await shot(page, '11-menu-en');
    await page.context().close();
  });

  it('a double tap on submit makes one order', async () => {
    const page = await phone();
    await fillCart(page, '13800000002');
    const confirm = await toConfirm(page);
    await confirm.locator('[data-testid="submit"]').dblclick();
    await expect.poll(() => visible(page).locator('[data-testid="order-state"]').count()).toBe(1);
    expect(await ordersOf('13800000002')).toHaveLength(1);
    await page.context().close();
  });

  it('a lost answer on submit, then retry, makes one order', async () => {
    const page = await phone();
    await fillCart(page, '13800000003');
    const confirm = await toConfirm(page);
    // every answer is lost (Chromium itself retries a reset request once) until the phone gives up
    env.site.dropAnswers((method, url) => method === 'POST' && url === '/api/customer/orders', 1000);
    await confirm.locator('[data-testid="submit"]').click();
    await expect.poll(() => confirm.locator('[data-testid="submit-failure"]').count()).toBe(1);
    env.site.dropAnswers(() => false, 0);
    // the server did take the order; the phone does not know yet
    expect(await ordersOf('13800000003')).toHaveLength(1);
    await shot(page, '12-submit-network-failure');
    await confirm.locator('[data-testid="submit"]').click();
    await expect.poll(() => visible(page).locator('[data-testid="order-state"]').count()).toBe(1);
    expect(await ordersOf('13800000003')).toHaveLength(1);
    await page.context().close();
  });
});
