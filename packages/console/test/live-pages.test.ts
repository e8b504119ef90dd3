import { type ApiClient, routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// Pages that follow the live stream instead of a timer, and the board under a finger.
let coord: ApiClient;
let restStaff: ApiClient;
let factoryStore = '';
let customerId = '';
let chairSku = '';
let restStore = '';
let bunSku = '';

const { openPage } = consoleInBrowser(async (s) => {
  coord = await s.api.loginToken('fact-coord', DEMO_PASSWORD);
  restStaff = await s.api.loginToken('rest-staff', DEMO_PASSWORD);
  factoryStore = (await coord.call(routes.me)).stores[0]!.id;
  customerId = (await coord.call(routes.listCustomers, { query: { q: '云途' } })).items[0]!.id;
  chairSku = (await coord.call(routes.listProducts, { query: { q: 'ErgoPro' } })).items[0]!.skus[0]!.id;
  restStore = (await restStaff.call(routes.me)).stores[0]!.id;
  bunSku = (await restStaff.call(routes.listProducts, { query: { q: '生煎' } })).items[0]!.skus[0]!.id;
});

const card = (page: Page, id: string) => page.locator(`[data-testid=board-card][data-id="${id}"]`);
const stateOf = (page: Page, id: string) => card(page, id).getAttribute('data-state');

describe('pages that follow the live stream', () => {
  it('shows an order needing approval in the open inbox without a reload', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-approver');
    await page.locator('[data-nav="/approvals"]').click();
    // the inbox follows the stream: from here on, only the stream can bring the new request quickly
    await page.locator('[data-testid=approvals-page][data-live=open]').waitFor();
    const order = await coord.call(routes.createOrder, {
      body: {
        storeId: factoryStore,
        customerId,
        fulfilment: 'shipment',
        lines: [{ skuId: chairSku, quantity: 2 }],
        orderDiscount: { kind: 'percent', value: 15 },
      },
    });
    // the review asks the approver (the discount is a manual price)
    const reviewed = await coord.call(routes.transitionOrder, {
      params: { id: order.id },
      body: { action: 'review', expectedVersion: order.version },
    });
    expect(reviewed.workflow?.approval?.status).toBe('pending');
    const row = page.locator(`[data-testid="approval-row-${order.number}"]`);
    await expect.poll(() => row.count(), { timeout: 8_000 }).toBe(1);
  });
});

/** A finger on the screen, through Chromium's input pipeline (touch and pointer events alike). */
async function finger(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const centre = async (selector: string) => {
    const box = (await page.locator(selector).first().boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 40) };
  };
  /** Press on `from`, optionally hold, slide to `to` in small steps, lift. */
  return async (from: string, to: string, holdMs: number) => {
    const a = await centre(from);
    const b = await centre(to);
    await touch('touchStart', a.x, a.y);
    if (holdMs) await page.waitForTimeout(holdMs);
    for (let i = 1; i <= 12; i++)
      await touch('touchMove', a.x + ((b.x - a.x) * i) / 12, a.y + ((b.y - a.y) * i) / 12);
    if (holdMs) await page.locator('[data-testid=board-touch-ghost]').waitFor();
    await touch('touchEnd');
  };
}

describe('the board on a touch tablet', () => {
  it('moves a card by press, hold and drag; a quick swipe only scrolls', async () => {
    const order = await restStaff.call(routes.createOrder, {
      body: { storeId: restStore, fulfilment: 'pickup', lines: [{ skuId: bunSku, quantity: 2 }] },
    });
    const page = await openPage('zh-CN', { hasTouch: true, viewport: { width: 1180, height: 820 } });
    await signIn(page, 'rest-staff');
    await page.goto('/board');
    await card(page, order.id).waitFor();
    await page.locator('[data-testid=live-status][data-status=open]').waitFor();
    const from = (await stateOf(page, order.id))!;
    // where a drop may go: an action of this user that needs nothing typed in
    const fresh = await restStaff.call(routes.getOrder, { params: { id: order.id } });
    const to = fresh.workflow!.allowedActions.find(
      (a) =>
        a.to !== from &&
        !a.blockedBy &&
        !a.requires.comment &&
        !a.requires.fields.length &&
        a.tone !== 'danger',
    )!.to;
    const cardSel = `[data-testid=board-card][data-id="${order.id}"]`;
    const target = `[data-testid=board-column][data-state=${to}]`;
    await page.locator(target).waitFor();

    // a swipe without holding is the browser's (a scroll): the card stays where it is
    const drag = await finger(page);
    await drag(cardSel, target, 0);
    await page.waitForTimeout(500);
    expect(await stateOf(page, order.id)).toBe(from);
    expect(await page.locator('[data-testid=board-touch-ghost]').count()).toBe(0);

    // press and hold picks it up; lifting the finger over the column moves the order there
    await drag(cardSel, target, 600);
    await expect.poll(() => stateOf(page, order.id), { timeout: 10_000 }).toBe(to);
    expect((await restStaff.call(routes.getOrder, { params: { id: order.id } })).state).toBe(to);
    await screenshot(page, 'board-touch-1180.png');
  });
});
