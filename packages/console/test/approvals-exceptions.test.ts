import { routes } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { seedDemoOrders } from '../../server/src/seed/demo-orders.ts';
import { fireDueTimers } from '../../server/src/workflow/timers.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// demo orders in every state; then 20 minutes pass, so the restaurant's unaccepted ones are overdue
// (5-minute SLA) and escalated (10 more minutes), and the factory's approval is still waiting
const { openPage, site } = consoleInBrowser(async (s) => {
  await seedDemoOrders(s.api.deps());
  s.api.clock.advance(20 * 60_000);
  await fireDueTimers(s.api.deps());
});

describe('approvals inbox and exceptions in a real browser', () => {
  it('an approver approves an order from the inbox with the keyboard, and sets a delegation', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-approver');
    await page.locator('[data-nav="/approvals"]').click();
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await first.waitFor();
    const number = (await first.locator('strong').first().textContent())!.trim();
    await page.locator('.ant-card', { hasText: number }).waitFor();
    await screenshot(page, 'approvals-inbox.png');

    // A opens the comment box, Enter sends it
    await page.keyboard.press('a');
    const box = page.locator('[data-testid=decision-comment]');
    await box.waitFor();
    await box.pressSequentially('Checked with sales: fine');
    await screenshot(page, 'approvals-decision.png');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator(`[data-testid="approval-row-${number}"]`).count(), { timeout: 15_000 })
      .toBe(0);

    const admin = await site().api.loginToken('fact-admin', 'orderloop-demo');
    const found = await admin.call(routes.listOrders, { query: { q: number } as never });
    const order = await admin.call(routes.getOrder, { params: { id: found.items[0]!.id } });
    expect(order.workflow!.approval).toMatchObject({ status: 'approved' });
    expect(order.workflow!.approval!.steps[0]!.decisions[0]).toMatchObject({
      decision: 'approve',
      comment: 'Checked with sales: fine',
    });

    await page.getByRole('button', { name: 'Delegation' }).click();
    await page.locator('.ant-drawer-close').waitFor();
    await page.getByText('Delegate while away').waitFor();
    await screenshot(page, 'approvals-delegation.png');
  }, 120_000);

  it('the exceptions page shows an overdue, escalated order with its age and owner; one click opens it', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-manager');
    await page.locator('[data-nav="/exceptions"]').click();
    // a restaurant order nobody accepted: past its SLA and its escalation threshold
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '已升级' }).first().waitFor();
    await screenshot(page, 'exceptions-all-zh.png');
    await page.locator('.ant-segmented-item', { hasText: '超时' }).click();
    await page.waitForURL(/kind=overdue/);
    await screenshot(page, 'exceptions-overdue-zh.png');
    const link = page.locator('[data-testid=exception-order-link]').first();
    const number = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    await page.getByText(number).first().waitFor();
  }, 120_000);
});
