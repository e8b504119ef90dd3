import { routes } from '@orderloop/contract';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// A customer complains about their order from the mini-program (through the API here), with a
// photo; customer service opens it in the console, assigns it, answers and resolves it.
const made = { complaintId: '', orderId: '' };
const { openPage, site } = consoleInBrowser(async (s) => {
  const admin = await s.api.loginToken('rest-admin', DEMO_PASSWORD);
  const storeA = (await admin.call(routes.listStores)).find((st) => st.code === 'A')!;
  const diner = await s.api.loginCustomer('demo-restaurant', '13800000077');
  const menu = await diner.call(routes.customerMenu, { params: { id: storeA.id } });
  const noodles = menu.products.find((p) => p.name === '葱油拌面')!;
  const order = await diner.call(routes.customerCreateOrder, {
    idempotencyKey: 'complaint-browser-order',
    body: { storeId: storeA.id, fulfilment: 'pickup', lines: [{ skuId: noodles.skus[0]!.id, quantity: 2 }] },
  });
  const complaint = await diner.call(routes.customerFileComplaint, {
    params: { id: order.id },
    body: { kind: 'complaint', description: '面已经坨了，而且少放了葱油。' },
  });
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#d9a441' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="640" height="480"><circle cx="320" cy="240" r="150" fill="#f4e3b5"/><circle cx="320" cy="240" r="90" fill="#c98d26"/></svg>',
        ),
      },
    ])
    .jpeg()
    .toBuffer();
  await diner.call(routes.customerUploadComplaintAttachment, {
    params: { id: complaint.id },
    file: { data: photo, filename: 'noodles.jpg' },
  });
  made.complaintId = complaint.id;
  made.orderId = order.id;
});

describe('complaints in a real browser', () => {
  it('customer service assigns, answers and resolves a complaint', async () => {
    const page = await openPage('en');
    await signIn(page, 'rest-service');
    await page.locator('[data-nav="/complaints"]').click();
    const row = page.locator(`[data-complaint="${made.complaintId}"]`);
    await row.waitFor();
    await screenshot(page, 'complaints-list-en.png');
    await row.click();
    const detail = page.locator('[data-testid=complaint-detail]');
    await detail.waitFor();
    await page.waitForURL(new RegExp(`/complaints/${made.complaintId}`));
    await page.locator('[data-testid=complaint-photos] img').first().waitFor();

    // assign to myself
    await page.locator('[data-testid=complaint-assignee]').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Emma Service' })
      .click();
    await expect.poll(() => page.locator('[data-entry=assigned]').count()).toBe(1);

    // answer the customer: the first answer starts handling
    await page.locator('[data-testid=complaint-response]').fill('Sorry! A fresh bowl is on us next time.');
    await page.locator('[data-testid=complaint-send]').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('in_progress');
    await screenshot(page, 'complaints-detail-en.png');

    await page.locator('[data-testid=complaint-actions] [data-action=resolve]').click();
    await page.locator('[data-testid=resolve-comment]').fill('Voucher for a free bowl sent to the customer.');
    await page.locator('[data-testid=resolve-confirm]').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('resolved');
    expect(await page.locator('[data-testid=complaint-actions] [data-action]').allTextContents()).toEqual([
      'Close',
      'Reopen',
    ]);
    await screenshot(page, 'complaints-resolved-en.png');

    // the server agrees, and the customer sees the answer but not internal notes
    const api = site().api;
    const diner = await api.loginCustomer('demo-restaurant', '13800000077');
    const seen = await diner.call(routes.customerGetComplaint, { params: { id: made.complaintId } });
    expect(seen.state).toBe('resolved');
    expect(seen.history.map((h) => h.body)).toContain('Sorry! A fresh bowl is on us next time.');
    expect(seen.assigneeName).toBe('Emma Service');

    // the order page shows its complaints and links to them
    await page.goto(`/orders/${made.orderId}`);
    await page.locator('[data-testid=order-complaints]').waitFor();
    expect(await page.locator('[data-testid=order-complaints]').textContent()).toContain('Resolved');
  });
});
