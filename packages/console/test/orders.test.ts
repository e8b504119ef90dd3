import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedOrders } from '../../server/src/seed/orders.ts';
import { chooseOption, consoleInBrowser, screenshot, signIn } from './browser.ts';

// The demo has no orders: a year of generated ones (both businesses), so the list has thousands to scroll.
const SEEDED = 3000;
const { openPage } = consoleInBrowser(async (site) => {
  await seedOrders(site.api.database.db, SEEDED);
});

const grid = (page: Page) => page.locator('[data-testid=orders-table]');
// the virtual table renders its rows as divs
const rows = (page: Page) => grid(page).locator('.ant-table-row');
const shownCount = async (page: Page) =>
  Number((await page.locator('.load-more').textContent())?.match(/\d+/)?.[0] ?? 0);
const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

// a lookup's list closes with a short animation after a pick
const noDropdown = (page: Page) =>
  expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);

/** Types into the focused lookup and picks the first match with Enter, once the matches are of that text. */
async function lookUp(page: Page, text: string, expect: string) {
  await page.keyboard.type(text);
  await option(page, expect).waitFor();
  await page.keyboard.press('Enter');
}

// 人体工学椅 ErgoPro ¥1,280 and 钢制文件柜 F4 ¥890, at 云途's key-account price list (−10 %), 13 % tax on top
const ergo = 128000 * 0.9;
const cabinet = 89000 * 0.9;
const expectedTotal = Math.round((ergo * 3 + cabinet * 2) * 1.13) / 100;
const yuan = (v: number) => `¥${v.toLocaleString('en', { minimumFractionDigits: 2 })}`;

describe('order pages in a real browser', () => {
  it('lists orders in a virtual table that loads pages as it scrolls, sorts, and filters via the URL', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/orders"]').click();
    await rows(page).first().waitFor();
    expect(await shownCount(page)).toBe(100);
    // virtualised: far fewer rows in the DOM than loaded
    expect(await rows(page).count()).toBeLessThan(40);
    await screenshot(page, 'orders-list-zh.png');

    // scrolling to the end of the loaded rows fetches the next keyset page
    await rows(page).nth(3).hover();
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 1500);
    await expect.poll(() => shownCount(page)).toBe(200);

    // sorting is the server's: by total, largest first
    await page.locator('.ant-table-thead th', { hasText: '金额' }).click();
    await page.waitForURL(/sort=-total/);
    const totals = async () =>
      (await rows(page).locator('.ant-table-cell.num').allTextContents())
        .filter((t) => t.includes('¥'))
        .map((t) => Number(t.replace(/[^\d.]/g, '')));
    await expect
      .poll(
        async () => {
          const t = await totals();
          return t.length > 5 && t.every((v, i) => i === 0 || v <= t[i - 1]!);
        },
        { timeout: 10_000 }, // a sort over thousands of rows on a busy machine
      )
      .toBe(true);

    // a state filter narrows the list and lives in the URL; Back undoes it
    await chooseOption(page, '[data-testid=orders-state]', '已关闭');
    await page.waitForURL(/state=closed/);
    await expect
      .poll(
        async () =>
          new Set(
            await rows(page)
              .locator('[data-state]')
              .evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
          ),
      )
      .toEqual(new Set(['closed']));
    await page.keyboard.press('Escape');
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('state='));
    await expect.poll(() => rows(page).locator('[data-state=submitted]').count()).toBeGreaterThan(0);

    // ↓ ↓ ↓ Enter opens the third row
    const third = await rows(page).nth(2).getAttribute('data-row-key');
    await grid(page).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/orders/${third}`);
    await page.locator('[data-testid=order-number]').waitFor();
  }, 60_000);

  it('remembers the chosen columns', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.goto('/orders');
    await rows(page).first().waitFor();
    const header = page.locator('.ant-table-thead');
    expect(await header.textContent()).toContain('渠道');
    await page.locator('[data-testid=orders-columns]').click();
    await page.locator('[data-testid=column-chooser] [data-column=channel]').click();
    await expect.poll(() => header.textContent()).not.toContain('渠道');
    await page.reload();
    await rows(page).first().waitFor();
    expect(await header.textContent()).not.toContain('渠道');
  });

  it('enters a B2B order from the keyboard, shows the server total, submits and duplicates it', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-coord');
    await page.locator('[data-nav="/orders/new"]').click();
    await page.locator('[data-testid=order-form]').waitFor();
    await screenshot(page, 'order-entry-empty-zh.png');

    // the cursor starts in the customer lookup; Enter on a customer goes on to the product lookup
    await lookUp(page, '云途', '上海云途科技');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('product-search');
    await lookUp(page, 'ErgoPro', 'ErgoPro');
    await page.keyboard.type('3'); // the new line's quantity has the cursor, its "1" selected
    await page.keyboard.press('Enter');
    await lookUp(page, '文件柜', '文件柜');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');

    const summary = page.locator('[data-testid=order-summary][data-quote-ready=true]');
    await summary.waitFor();
    await expect
      .poll(() => page.locator('[data-testid=amount-total]').textContent())
      .toBe(yuan(expectedTotal));
    expect(await page.locator('[data-testid=line-0-product]').textContent()).toContain('价目表');
    await noDropdown(page);
    await screenshot(page, 'order-entry-zh.png');

    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const number = page.locator('[data-testid=order-number]');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^S-\d{8}-\d{4}$/);
    expect(await page.locator('[data-testid=order-header]').textContent()).toContain('上海云途科技有限公司');
    expect(await page.locator('[data-testid=amount-total]').textContent()).toBe(yuan(expectedTotal));
    expect(await page.locator('[data-testid=order-lines] .ant-table-row').count()).toBe(2);
    await screenshot(page, 'order-detail-zh.png');

    // duplicate: a new form with the same customer and lines
    const original = await number.textContent();
    await page.locator('[data-testid=order-duplicate]').click();
    await page.waitForURL(/\/orders\/new\?from=/);
    await page.locator('[data-testid=line-1-quantity]').waitFor();
    expect(await page.locator('.page-header').textContent()).toContain(original!);
    expect(await page.locator('[data-testid=order-customer]').textContent()).toContain('上海云途科技');
    expect(await page.locator('[data-testid=line-0-quantity]').inputValue()).toBe('3');
    expect(await page.locator('[data-testid=line-1-quantity]').inputValue()).toBe('2');
    await summary.waitFor();
    expect(await page.locator('[data-testid=amount-total]').textContent()).toBe(yuan(expectedTotal));

    // a bad quantity comes back from the server on that line's quantity cell, and only there
    await page.locator('[data-testid=line-1-quantity]').fill('0');
    await page.locator('[data-testid=order-submit]').click();
    const cell = page.locator('[data-testid=line-1-quantity-cell] .cell-error');
    await cell.waitFor();
    expect(await cell.textContent()).toMatch(/1/);
    expect(await page.locator('[data-testid=line-0-quantity-cell] .cell-error').count()).toBe(0);
    await screenshot(page, 'order-entry-error-zh.png');

    // more than the stock: the server's out-of-stock answer names the same cell
    await page.locator('[data-testid=line-1-quantity]').fill('5000');
    await page.locator('[data-testid=line-1-unavailable]').waitFor();
    await page.locator('[data-testid=order-submit]').click();
    await expect.poll(() => cell.textContent()).toContain('EP005');
    expect(page.url()).toContain('/orders/new');
  });

  it('shows the order pages in English with locale money and dates', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    await page.goto('/orders');
    await rows(page).first().waitFor();
    expect(await page.locator('.ant-table-thead').textContent()).toContain('Total');
    // CNY in English is written CN¥, right-aligned
    const total = rows(page).first().locator('.ant-table-cell.num', { hasText: 'CN¥' });
    expect(await total.evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
    await screenshot(page, 'orders-list-en.png');

    await rows(page).first().click();
    await page.locator('[data-testid=order-number]').waitFor();
    expect(await page.locator('[data-testid=order-header]').textContent()).toContain('Created');
    await screenshot(page, 'order-detail-en.png');

    await page.goto('/orders/new');
    await page.locator('[data-testid=order-form]').waitFor();
    await lookUp(page, '苏州', '苏州园区联合办公');
    await lookUp(page, 'LiftDesk', 'LiftDesk');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=order-summary][data-quote-ready=true]').waitFor();
    expect(await page.locator('[data-testid=amount-total]').textContent()).toContain('CN¥');
    await noDropdown(page);
    await screenshot(page, 'order-entry-en.png');
  });

  it("takes the workflow's actions from the detail page and shows them in the timeline", async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-staff');
    await page.goto('/orders/new');
    await page.locator('[data-testid=order-form]').waitFor();
    await page.locator('[data-testid=product-search]').click();
    await lookUp(page, '生煎', '生煎包');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=order-summary][data-quote-ready=true]').waitFor();
    await page.locator('[data-testid=order-submit]').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);

    const accept = page.locator('[data-testid=order-actions] [data-action=accept]');
    await accept.waitFor();
    expect(await page.locator('.page-header [data-state]').getAttribute('data-state')).toBe('submitted');
    await accept.click();
    await expect
      .poll(() => page.locator('.page-header [data-state]').getAttribute('data-state'))
      .toBe('accepted');
    expect(await page.locator('[data-testid=order-timeline]').textContent()).toContain('接单');
    await page.locator('[data-testid=order-actions] [data-action]').first().waitFor();
    await screenshot(page, 'order-detail-actions-zh.png');
  });

  it('hides order entry from those who may not create orders', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-kitchen');
    expect(await page.locator('[data-nav="/orders"]').count()).toBe(1);
    expect(await page.locator('[data-nav="/orders/new"]').count()).toBe(0);
    await page.goto('/orders');
    await rows(page).first().waitFor();
    expect(await page.locator('[data-testid=orders-new]').count()).toBe(0);
    await page.goto('/orders/new');
    await page.locator('.ant-result-403').waitFor();
  });
});
