import { type ApiClient, routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// The board as the workshop and the kitchen use it, next to the people who approve.
let coord: ApiClient;
let approver: ApiClient;
let restStaff: ApiClient;
let factoryStore = '';
let customerId = '';
let chairSku = '';
let restStore = '';
let bunSku = '';

const { openPage } = consoleInBrowser(async (s) => {
  coord = await s.api.loginToken('fact-coord', DEMO_PASSWORD);
  approver = await s.api.loginToken('fact-approver', DEMO_PASSWORD);
  restStaff = await s.api.loginToken('rest-staff', DEMO_PASSWORD);
  factoryStore = (await coord.call(routes.me)).stores[0]!.id;
  customerId = (await coord.call(routes.listCustomers, { query: { q: '云途' } })).items[0]!.id;
  chairSku = (await coord.call(routes.listProducts, { query: { q: 'ErgoPro' } })).items[0]!.skus[0]!.id;
  restStore = (await restStaff.call(routes.me)).stores[0]!.id;
  bunSku = (await restStaff.call(routes.listProducts, { query: { q: '生煎' } })).items[0]!.skus[0]!.id;
});

const board = (page: Page) => page.locator('[data-testid=board]');
const column = (page: Page, state: string) => page.locator(`[data-testid=board-column][data-state=${state}]`);
const card = (page: Page, id: string) => page.locator(`[data-testid=board-card][data-id="${id}"]`);
const stateOf = (page: Page, id: string) => card(page, id).getAttribute('data-state');

describe('the board', () => {
  it('takes a B2B order through approval and production, as the coordinator, the approver and the workshop', async () => {
    // the coordinator submits an order with a 15 % discount: the approver's rule holds it
    const order = await coord.call(routes.createOrder, {
      body: {
        storeId: factoryStore,
        customerId,
        fulfilment: 'shipment',
        lines: [{ skuId: chairSku, quantity: 4 }],
        orderDiscount: { kind: 'percent', value: 15 },
      },
    });
    const coordPage = await openPage('zh-CN');
    await signIn(coordPage, 'fact-coord');
    await coordPage.locator('[data-nav="/board"]').click();
    await board(coordPage).waitFor();
    await card(coordPage, order.id).waitFor();
    expect(await stateOf(coordPage, order.id)).toBe('submitted');
    // the coordinator starts the review by tapping the card's button
    await card(coordPage, order.id).locator('[data-action=review]').click();
    await expect.poll(() => stateOf(coordPage, order.id)).toBe('under_review');
    // approving is the approver's: the workflow's approve action waits for the approval
    await card(coordPage, order.id).click();
    await coordPage.locator('[data-testid=card-sheet]').waitFor();
    expect(await coordPage.locator('[data-testid=card-sheet] [data-action=approve]').count()).toBe(0);
    await coordPage.keyboard.press('Escape');

    // the workshop has its board open (tablet size) while the approver decides elsewhere
    const shop = await openPage('zh-CN');
    await shop.setViewportSize({ width: 1180, height: 820 });
    await signIn(shop, 'fact-workshop');
    await shop.goto('/board?hide=shipped,delivered,on_hold');
    await card(shop, order.id).waitFor();
    await shop.locator('[data-testid=live-status][data-status=open]').waitFor();
    const [approval] = (await approver.call(routes.listApprovals)).items.filter(
      (a) => a.orderId === order.id,
    );
    await approver.call(routes.decideApproval, {
      params: { id: approval!.id },
      body: { decision: 'approve', comment: '同意，老客户' },
    });
    // live: the card moves without a reload, on both boards
    await expect.poll(() => stateOf(shop, order.id), { timeout: 10_000 }).toBe('approved');
    await expect.poll(() => stateOf(coordPage, order.id), { timeout: 10_000 }).toBe('approved');

    // the workshop starts production by tap, reports a stage (asked for), finishes by dragging
    await card(shop, order.id).locator('[data-action=start_production]').click();
    await expect.poll(() => stateOf(shop, order.id)).toBe('in_production');
    await card(shop, order.id).locator('[data-action=report_stage]').click();
    await shop.locator('[data-testid=stage-choice]').waitFor();
    await shop.locator('[data-testid=stage-choice] label', { hasText: '组装' }).click();
    await shop.locator('[data-testid=action-confirm]').click();
    await card(shop, order.id).locator('[data-stage=assembly]').waitFor();
    await screenshot(shop, 'board-zh-1180.png');

    // a drag onto a state no action reaches is refused before the server is asked
    await card(shop, order.id).dragTo(column(shop, 'submitted'));
    await shop.waitForTimeout(500);
    expect(await stateOf(shop, order.id)).toBe('in_production');
    await card(shop, order.id).dragTo(column(shop, 'ready_to_ship'));
    await expect.poll(() => stateOf(shop, order.id)).toBe('ready_to_ship');

    // the order's timeline tells the whole story: steps, the approval, the notices
    await shop.goto(`/orders/${order.id}`);
    const timeline = shop.locator('[data-testid=order-timeline]');
    await timeline.locator('[data-kind=notice]').first().waitFor();
    const story = await timeline.textContent();
    for (const step of ['开始审核', '第 1 步审批通过', '投产', '报工 · 组装', '生产完成', '同意，老客户'])
      expect(story).toContain(step);

    // the coordinator's view of it: a photo from the workshop as a thumbnail, notes edited in place
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 70, g: 110, b: 160 } },
    })
      .jpeg()
      .toBuffer();
    await coord.call(routes.uploadOrderAttachment, {
      params: { id: order.id },
      file: { data: photo, filename: '装箱照片.jpg', contentType: 'image/jpeg' },
    });
    await coordPage.goto(`/orders/${order.id}`);
    await coordPage.locator('[data-testid=attachment] img').waitFor();
    expect(
      await coordPage
        .locator('[data-testid=attachment] img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    await coordPage.locator('[data-testid=order-edit]').click();
    await coordPage.locator('[data-testid=order-edit-notes]').fill('周五前发货，走德邦物流');
    await coordPage.locator('[data-testid=order-edit-save]').click();
    await expect
      .poll(() => coordPage.locator('[data-testid=order-notes]').textContent())
      .toBe('周五前发货，走德邦物流');
    await coordPage.locator('[data-testid=order-timeline] [data-kind=notice]').first().waitFor();
    await screenshot(coordPage, 'order-detail-b2b-zh.png');
  }, 150_000);

  it("shows the kitchen's board with a new order arriving live", async () => {
    const page = await openPage('zh-CN');
    await page.setViewportSize({ width: 1180, height: 820 });
    await signIn(page, 'rest-kitchen');
    await page.goto('/board');
    await board(page).waitFor();
    await page.locator('[data-testid=live-status][data-status=open]').waitFor();
    // the columns follow the workflow definition, which may arrive after the stream opens
    await expect.poll(() => page.locator('[data-testid=board-column]').count(), { timeout: 10_000 }).toBe(4);
    const made = await restStaff.call(routes.createOrder, {
      body: { storeId: restStore, fulfilment: 'pickup', lines: [{ skuId: bunSku, quantity: 3 }] },
    });
    await card(page, made.id).waitFor({ timeout: 10_000 });
    expect(await stateOf(page, made.id)).toBe('submitted');
    expect(await card(page, made.id).textContent()).toContain('3×');
    await screenshot(page, 'board-kitchen-zh-1180.png');
  });
});
