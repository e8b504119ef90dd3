import fs from 'node:fs';
import path from 'node:path';
import type { ReportOverview } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { rebuildReports } from '../../server/src/reports/refresh.ts';
import { seedDemoOrders } from '../../server/src/seed/demo-orders.ts';
import { seedOrders } from '../../server/src/seed/orders.ts';
import { readTable } from '../../server/src/spreadsheets/index.ts';
import { consoleInBrowser, screenshot, shotsDir, signIn } from './browser.ts';

// a year of generated orders (they bypass events, so the rollups are rebuilt after)
const { openPage, site } = consoleInBrowser(async (s) => {
  await seedDemoOrders(s.api.deps()); // walked through the workflow: history and approvals (first: it skips a business with orders)
  await seedOrders(s.api.database.db, 3000);
  await rebuildReports(s.api.deps());
});

describe('reports page in a real browser', () => {
  it('shows leadership the figures, follows the range in the URL, and exports a CSV that parses back', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'fact-director');
    await page.locator('[data-nav="/reports"]').click();
    await page.waitForURL(/\/reports/);
    const kpi = page.locator('[data-testid=kpi-orders] .ant-statistic-content');
    await expect.poll(async () => (await kpi.textContent())?.trim() ?? '').toMatch(/^[\d,]+$/);
    await page.locator('[data-testid=reports-breakdown] .ant-table-row').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'reports-zh.png');

    // a preset range: the URL carries it and the figures follow
    const before = Number((await kpi.textContent())!.replace(/\D/g, ''));
    await page.locator('[data-testid=reports-range]').first().click();
    await page.locator('.ant-picker-presets li', { hasText: '近 90 天' }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}/);
    const url = new URL(page.url());
    const from = url.searchParams.get('from')!;
    const to = url.searchParams.get('to')!;
    await expect
      .poll(async () => Number((await kpi.textContent())!.replace(/\D/g, '')), { timeout: 20_000 })
      .toBeGreaterThan(before);

    // the same figures the API gives, as a CSV with Chinese headers
    const api = (await page.evaluate(
      async (q) => (await fetch(`/api/reports/overview?${q}`)).json(),
      `from=${from}&to=${to}`,
    )) as ReportOverview;
    expect(Number((await kpi.textContent())!.replace(/\D/g, ''))).toBe(api.totals.orders);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.locator('[data-testid=export-series]').click();
        await page.locator('.ant-dropdown:visible li', { hasText: '导出 CSV' }).click();
      })(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `订单趋势-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.csv`,
    );
    const table = await readTable(fs.readFileSync((await download.path())!), 'csv');
    expect(table.headers).toEqual(['日期', '订单数', '销售额 (CNY)', '已取消']);
    expect(table.rows).toHaveLength(api.series.length);
    const orders = table.rows.reduce((a, r) => a + Number(r.cells.订单数), 0);
    const revenue = table.rows.reduce((a, r) => a + Math.round(Number(r.cells['销售额 (CNY)']) * 100), 0);
    expect([orders, revenue]).toEqual([api.totals.orders, api.totals.revenue]);

    // the breakdown tab lives in the URL too
    await page.locator('[data-testid=reports-breakdown] .ant-tabs-tab', { hasText: '商品' }).click();
    await page.waitForURL(/dim=product/);
    await page.locator('[data-testid=reports-breakdown] .ant-table-row').first().waitFor();
    await screenshot(page, 'reports-zh-90d-products.png');
    // the lower half: breakdown and time in state
    await page.locator('[data-testid=reports-breakdown]').evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotsDir, 'reports-zh-lower.png') });
  });

  it('reads in English with a store filter, and a store-scoped manager sees only their store', async () => {
    const page = await openPage('en');
    await signIn(page, 'rest-boss');
    await page.goto('/reports?g=week');
    await page.locator('[data-testid=reports-breakdown] .ant-table-row').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'reports-en-weekly.png');

    const manager = await openPage('ja');
    await signIn(manager, 'rest-manager');
    await manager.goto('/reports');
    await manager.locator('[data-testid=reports-breakdown] .ant-table-row').first().waitFor();
    // the store tab lists one store only
    expect(await manager.locator('[data-testid=reports-breakdown] .ant-table-row').count()).toBe(1);
    await screenshot(manager, 'reports-ja-store-manager.png');
    expect(site()).toBeDefined();
  });
});
