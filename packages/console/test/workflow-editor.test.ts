import path from 'node:path';
import { ApiError, routes } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { chooseOption, consoleInBrowser, screenshot, shotsDir, signIn } from './browser.ts';

const { openPage, site } = consoleInBrowser();
const adminApi = () => site().api.loginToken('fact-admin', DEMO_PASSWORD);

/** An antd input that carries the test id itself or wraps the input that does the typing. */
const inputOf = (testId: string) => `:is(input[data-testid=${testId}], [data-testid=${testId}] input)`;

const transitionRow = (page: Page, action: string) =>
  page.locator(`[data-testid=transitions-table] tr.ant-table-row[data-action=${action}]`);

describe('workflow editor', { timeout: 180_000 }, () => {
  it('edits effects, a required comment and an approval threshold, shows a bad timer at its effect, publishes, and the new rule holds', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/workflows"]').click();
    await page.locator('[data-testid=workflow-link]', { hasText: 'B2B' }).first().click();
    await page.locator('[data-testid=workflow-diagram] [data-state]').first().waitFor();
    await page.locator('[data-testid=workflow-copy]').click();

    // the "Start review" transition: a required comment and a notice to the sales rep
    await transitionRow(page, 'review').locator('[data-testid=transition-details]').click();
    const review = page.locator('[data-testid=transition-details-review]');
    await review.waitFor();
    // the diagram marks the transition being edited
    await page.locator('[data-testid=workflow-diagram] [data-edge~=review][data-marked=yes]').waitFor();
    await review.locator('[data-testid=requires-comment]').click();
    await review.locator('[data-testid=effect-add]').click();
    await page.locator('[data-testid=effect-add-notify]').click();
    const notify = review.locator('[data-testid=effect-row][data-effect=notify]');
    await notify.locator(inputOf('effect-event')).fill('order_in_review');
    await chooseOption(page, '[data-testid=transition-details-review] [data-testid=effect-to]', 'Sales rep');
    await page.keyboard.press('Escape');

    // the discount rule asks for approval from 15 % instead of 10 %
    await page.locator('[data-rule=discount_10]').locator(inputOf('rule-percent')).fill('15');
    expect(await page.locator('[data-testid=workflow-dirty]').isVisible()).toBe(true);

    // leaving with unpublished edits asks first; staying keeps them
    await page.locator('[data-nav="/orders"]').click();
    await page.locator('.ant-modal-confirm').waitFor();
    await page.locator('.ant-modal-confirm .ant-btn', { hasText: 'Keep editing' }).click();
    expect(page.url()).toContain('/settings/workflows/');
    expect(await review.locator('[data-testid=effect-row][data-effect=notify]').count()).toBe(1);

    // a bad edit: a timer whose action the system may not take
    await review.locator('[data-testid=effect-add]').click();
    await page.locator('[data-testid=effect-add-set_timer]').click();
    const timer = review.locator('[data-testid=effect-row][data-effect=set_timer]');
    await chooseOption(
      page,
      '[data-testid=transition-details-review] [data-effect=set_timer] [data-testid=effect-action]',
      '(review)',
    );
    await page.locator('[data-testid=workflow-validate]').click();
    await page.locator('[data-testid=workflow-invalid]').waitFor();
    // the problem sits under the timer effect, not on the notify effect nor on another transition
    expect(await timer.locator('[data-testid=field-problem]').textContent()).toContain(
      'cannot be taken by the system',
    );
    expect(await notify.locator('[data-testid=field-problem]').count()).toBe(0);
    expect(await page.locator('[data-testid=field-problem]').count()).toBe(1);
    await page.locator('[data-testid=workflow-diagram] [data-edge~=review][data-marked=yes]').waitFor();
    await screenshot(page, 'workflow-editor-invalid-en.png');
    await timer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'workflow-editor-effect-error-en.png') });

    // fixed: the timer approves by itself after a day in review
    await chooseOption(
      page,
      '[data-testid=transition-details-review] [data-effect=set_timer] [data-testid=effect-action]',
      '(approve)',
    );
    await timer.locator(inputOf('effect-minutes')).fill('1440');
    await page.locator('[data-testid=workflow-validate]').click();
    await page.locator('[data-testid=workflow-valid]').waitFor();
    expect(await page.locator('[data-testid=workflow-valid]').textContent()).toContain('v2');
    await page.locator('[data-testid=approval-editor]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'workflow-editor-approval-en.png') });
    await page.locator('[data-testid=workflow-publish]').click();
    await expect.poll(() => page.locator('.page-header').textContent()).toContain('v2');
    await screenshot(page, 'workflow-editor-published-en.png');

    // the published version holds every change
    const admin = await adminApi();
    const published = (await admin.call(routes.listWorkflows)).items.find(
      (w) => w.key === 'b2b' && w.current,
    );
    expect(published?.version).toBe(2);
    const got = await admin.call(routes.getWorkflow, { params: { id: published!.id } });
    const reviewT = got.definition.transitions.find((x) => x.action === 'review');
    expect(reviewT?.requires.comment).toBe(true);
    expect(reviewT?.effects).toEqual([
      { type: 'notify', event: 'order_in_review', to: ['store_staff', 'sales_rep'], channels: ['in_app'] },
      { type: 'set_timer', timer: 'timer_2', afterMinutes: 1440, action: 'approve' },
    ]);
    const rule = got.definition.approvalRules.find((r) => r.key === 'discount_10');
    expect(rule?.when).toEqual({ type: 'discount_percent_over', percent: 15 });

    // a new order runs on v2: starting review now demands a comment
    const [product] = (await admin.call(routes.listProducts, { query: { limit: 1 } })).items;
    const [account] = (await admin.call(routes.listCustomers, { query: { kind: 'account', limit: 1 } }))
      .items;
    const me = await admin.call(routes.me);
    const order = await admin.call(routes.createOrder, {
      body: {
        storeId: me.stores[0]!.id,
        customerId: account!.id,
        fulfilment: 'shipment',
        lines: [{ skuId: product!.skus[0]!.id, quantity: 1 }],
        submit: true,
      } as never,
    });
    const read = await admin.call(routes.getOrder, { params: { id: order.id } });
    expect(read.workflow?.version).toBe(2);
    const refused = await admin
      .call(routes.transitionOrder, { params: { id: order.id }, body: { action: 'review' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).problem.fields?.map((f) => f.field)).toEqual(['body.comment']);
    const taken = await admin.call(routes.transitionOrder, {
      params: { id: order.id },
      body: { action: 'review', comment: 'checking the discount' },
    });
    expect(taken.state).toBe('under_review');
  });

  it('shows what each transition requires and sets off, read-only and in the editor, in Japanese', async () => {
    const page = await openPage('ja');
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/settings/workflows"]').click();
    await page.locator('[data-testid=workflow-link]', { hasText: 'B2B' }).first().click();
    const summary = page.locator('[data-testid=workflow-summary] tr.ant-table-row', { hasText: 'return' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('在庫引当を解除');
    expect(await summary.textContent()).toContain('コメント必須');
    expect(await page.locator('[data-testid=workflow-summary-rules] li').count()).toBe(4);
    await page.locator('[data-testid=workflow-summary]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'workflow-summary-ja.png') });

    await page.locator('[data-testid=workflow-copy]').click();
    await transitionRow(page, 'return').locator('[data-testid=transition-details]').click();
    const details = page.locator('[data-testid=transition-details-return]');
    await details.waitFor();
    expect(await details.locator('[data-testid=effect-row]').count()).toBe(2);
    await transitionRow(page, 'return').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'workflow-editor-details-ja.png') });
  });
});
