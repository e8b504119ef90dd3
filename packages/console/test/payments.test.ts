import { routes } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { chooseOption, consoleInBrowser, screenshot, signIn } from './browser.ts';

// The cashier takes money at the counter in two goes (a card deposit, then cash for the rest) and
// records both on the order; the order turns paid. A colleague without payments.record sees the
// ledger but no buttons.
const made = { orderId: '', total: 0 };
const { openPage, site } = consoleInBrowser(async (s) => {
  const admin = await s.api.loginToken('rest-admin', DEMO_PASSWORD);
  const storeA = (await admin.call(routes.listStores)).find((st) => st.code === 'A')!;
  const products = await admin.call(routes.listProducts, { query: { limit: 50 } });
  const sku = products.items.flatMap((p) => p.skus).find((k) => k.price >= 1_000)!;
  const order = await admin.call(routes.createOrder, {
    body: { storeId: storeA.id, fulfilment: 'pickup', lines: [{ skuId: sku.id, quantity: 3 }] },
  });
  made.orderId = order.id;
  made.total = order.total;
});

const yuan = (minor: number) => `CN¥${(minor / 100).toFixed(2)}`;

describe('offline payments in a real browser', () => {
  it('a cashier records a part payment, then the rest, and the order is paid', async () => {
    const page = await openPage('en');
    await signIn(page, 'rest-cashier');
    await page.goto(`/orders/${made.orderId}`);
    const card = page.locator('[data-testid=order-payments]');
    await card.waitFor();
    await expect.poll(() => card.locator('[data-testid=payments-status]').textContent()).toBe('Unpaid');
    expect(await card.locator('[data-testid=payments-outstanding]').textContent()).toContain(
      yuan(made.total),
    );

    // a card deposit: the amount starts at what is outstanding, the cashier types less
    await card.locator('[data-testid=payment-record]').click();
    const amount = page.locator('input#amount');
    await amount.waitFor();
    expect(await amount.inputValue()).toBe((made.total / 100).toFixed(2));
    // more than outstanding: the server's refusal lands on the amount field
    await amount.fill(((made.total + 100) / 100).toFixed(2));
    await page.locator('[data-testid=payment-submit]').click();
    const fieldError = page.locator('.ant-form-item-explain-error', {
      hasText: 'at most what is outstanding',
    });
    await fieldError.waitFor();
    await amount.fill('10.00');
    await chooseOption(page, '[data-testid=payment-method]', 'Card');
    await page.locator('#reference').fill('POS-7731');
    await page.locator('[data-testid=payment-submit]').click();
    await expect.poll(() => card.locator('[data-testid=payments-status]').textContent()).toBe('Part paid');
    expect(await page.locator('[data-testid=order-header]').textContent()).toContain('Part paid');

    // the rest in cash: the prefilled amount is exactly what is left
    await card.locator('[data-testid=payment-record]').click();
    await expect.poll(() => amount.inputValue()).toBe(((made.total - 1_000) / 100).toFixed(2));
    await page.locator('[data-testid=payment-submit]').click();
    await expect.poll(() => card.locator('[data-testid=payments-status]').textContent()).toBe('Paid');
    expect(await card.locator('[data-testid=payment-record]').isDisabled()).toBe(true);
    const rowsText = await card.locator('.ant-table-tbody tr.ant-table-row').allTextContents();
    expect(rowsText).toHaveLength(2);
    expect(rowsText[0]).toContain('Card');
    expect(rowsText[0]).toContain('POS-7731');
    expect(rowsText[0]).toContain(yuan(1_000));
    expect(rowsText[1]).toContain('Cash');
    expect(await card.locator('[data-testid=payments-outstanding]').textContent()).toContain(yuan(0));
    // the timeline tells the same story, with who took the money
    await expect
      .poll(() => page.locator('[data-testid=order-timeline]').textContent())
      .toContain(`Paid ${yuan(1_000)} (Card)`);
    await screenshot(page, 'order-payments-en.png');

    const api = site().api;
    const admin = await api.loginToken('rest-admin', DEMO_PASSWORD);
    const order = await admin.call(routes.getOrder, { params: { id: made.orderId } });
    expect(order.paymentStatus).toBe('paid');
  });

  it('a void is kept struck through, and a user without payments.record sees no buttons', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-cashier');
    await page.goto(`/orders/${made.orderId}`);
    const card = page.locator('[data-testid=order-payments]');
    await card.locator('[data-testid=payment-void]').first().click();
    await page.locator('[data-testid=void-reason]').fill('重复录入');
    await page.locator('[data-testid=void-submit]').click();
    await card.locator('[data-testid=payment-voided]').waitFor();
    await expect.poll(() => card.locator('[data-testid=payments-status]').textContent()).toBe('部分付款');
    expect(
      await card.locator('.ant-table-tbody tr.ant-table-row').first().locator('del').count(),
    ).toBeGreaterThan(0);

    // give some back: the refund form starts at what was paid (¥27.00 left after the void)
    await card.locator('[data-testid=payment-refund]').click();
    const amount = page.locator('input#amount');
    await expect.poll(() => amount.inputValue()).toBe(((made.total - 1_000) / 100).toFixed(2));
    await amount.fill('5.00');
    await page.locator('[data-testid=payment-submit]').click();
    await expect.poll(() => card.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);
    expect(await card.locator('.ant-table-tbody tr.ant-table-row').last().textContent()).toContain('−¥5.00');
    expect(await card.locator('[data-testid=payments-outstanding]').textContent()).toContain(
      `¥${((1_000 + 500) / 100).toFixed(2)}`,
    );
    await screenshot(page, 'order-payments-voided-zh.png');

    const staff = await openPage('en');
    await signIn(staff, 'rest-staff');
    await staff.goto(`/orders/${made.orderId}`);
    const seen = staff.locator('[data-testid=order-payments]');
    await seen.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await seen.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);
    expect(await seen.locator('button').count()).toBe(0);
  });
});
