import { routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { consoleInBrowser, rows, screenshot, signIn } from './browser.ts';

const { openPage, site } = consoleInBrowser();

const header = '分类,商品名称,描述,单位,标签,SKU编码,规格,价格（元）,上架';
const csv = (...lines: string[]) => Buffer.from(`${[header, ...lines].join('\r\n')}\r\n`);

async function upload(page: Page, name: string, data: Buffer) {
  await page
    .locator('[data-testid=import-file] input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: data });
  await expect.poll(() => page.locator('[data-testid=import-file]').textContent()).toContain(name);
}

describe('catalog pages', { timeout: 90_000 }, () => {
  it('imports a file with errors, shows the cell report, then imports a good file and shows the product', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-admin');
    await page.locator('[data-nav="/catalog"]').click();
    await rows(page).first().waitFor();
    await screenshot(page, 'catalog-zh.png');

    await page.locator('[data-testid=catalog-import]').click();
    await page.waitForURL('**/catalog/import');
    await upload(
      page,
      'bad.csv',
      csv(
        '浏览器测试 / 面食,坏价格面,,碗,,BROWSER-BAD-1,,abc,是',
        '浏览器测试 / 面食,坏编码面,,碗,,BAD CODE!,,12.00,是',
      ),
    );
    await page.locator('[data-testid=import-check]').click();
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor();
    const cells = report.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => cells.count()).toBe(2);
    const text = await report.textContent();
    expect(text).toContain('价格（元）');
    expect(text).toContain('abc');
    expect(text).toContain('SKU编码');
    expect(text).toContain('BAD CODE!');
    // row numbers are the spreadsheet's: the header is row 1
    expect(await cells.nth(0).locator('td').first().textContent()).toBe('2');
    await screenshot(page, 'catalog-import-errors-zh.png');

    await upload(
      page,
      'good.csv',
      csv('浏览器测试 / 面食,浏览器测试拉面,手工拉面,碗,,BROWSER-RAMEN,,18.50,是'),
    );
    await page.locator('[data-testid=import-check]').click();
    const summary = page.locator('[data-testid=import-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('没有写入任何数据');
    await page.locator('[data-testid=import-run]').click();
    await expect.poll(() => summary.textContent()).toContain('导入完成');
    expect(await summary.textContent()).toContain('浏览器测试 / 面食');
    await screenshot(page, 'catalog-import-done-zh.png');

    await page.goto(`/catalog?q=${encodeURIComponent('浏览器测试拉面')}`);
    await page.locator('[data-testid=products-table]').waitFor();
    await screenshot(page, 'catalog-search-zh.png');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('¥18.50');
    expect(await rows(page).first().textContent()).toContain('浏览器测试 / 面食');
  });

  it('toggles sold out per store on the product page and the list shows it', async () => {
    const page = await openPage('en');
    await signIn(page, 'rest-admin');
    await page.goto('/catalog');
    await rows(page).first().waitFor();
    await page.locator('[data-testid=product-link]').first().click();
    await page.locator('[data-testid=sold-out-panel]').waitFor();
    const name = await page.locator('[data-testid=product-name]').inputValue();
    const toggle = page.locator('[data-testid=sold-out-panel] button[role=switch]').first();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=sold-out-panel]').textContent()).toContain('Sold out');
    await screenshot(page, 'product-en.png');

    // the server has it: the product now lists that store as sold out
    const admin = await site().api.loginToken('rest-admin', DEMO_PASSWORD);
    const found = await admin.call(routes.listProducts, { query: { q: name } });
    expect(found.items.find((p) => p.name === name)?.soldOutStoreIds).toHaveLength(1);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    const after = await admin.call(routes.listProducts, { query: { q: name } });
    expect(after.items.find((p) => p.name === name)?.soldOutStoreIds).toHaveLength(0);
  });

  it('adjusts stock and shows the movement in the ledger', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/catalog/stock"]').click();
    const stock = page.locator('[data-testid=stock-table] tr.ant-table-row');
    await stock.first().waitFor();
    const first = stock.first();
    await first.locator('[data-testid=stock-adjust]').click();
    await page.locator('.ant-modal input.ant-input-number-input').fill('7');
    await page.locator('.ant-modal input#note').fill('浏览器测试入库');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await first.locator('[data-testid=stock-ledger]').click();
    await page.waitForURL(/skuId=/);
    const ledger = page.locator('[data-testid=movements-table] tr.ant-table-row');
    await expect.poll(async () => (await ledger.first().textContent()) ?? '').toContain('浏览器测试入库');
    expect(await ledger.first().textContent()).toContain('+7');
    await screenshot(page, 'stock-ledger-zh.png');
  });

  it('shows price lists with quantity breaks', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/catalog/price-lists"]').click();
    await page.locator('[data-testid=price-list-form] .pl-row').nth(1).waitFor();
    await screenshot(page, 'price-lists-en.png');
    await page.goto('/catalog');
    await rows(page).first().waitFor();
    await screenshot(page, 'catalog-en.png');
  });
});
