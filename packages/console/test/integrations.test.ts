import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-data.ts';
import { startReceiver } from '../../server/test/receivers.ts';
import { consoleInBrowser, screenshot, signIn } from './browser.ts';

// The channels page's integrations: masked credentials and a "test connection" that really connects.
let admin: ApiClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let hookId = '';

const { openPage } = consoleInBrowser(async (s) => {
  receiver = await startReceiver();
  admin = await s.api.loginToken('fact-admin', DEMO_PASSWORD);
  hookId = (
    await admin.call(routes.createWebhook, {
      body: { url: receiver.url, events: ['new_order'], description: 'ERP bridge' },
    })
  ).id;
});
afterAll(() => receiver?.close());

describe('integrations on the channels page', () => {
  it('tests a webhook from its row and from the integrations list, and shows what came back', async () => {
    const page = await openPage('en');
    await signIn(page, 'fact-admin');
    await page.goto('/settings/channels');
    const panel = page.locator('[data-testid=integrations]');
    await panel.locator('[data-testid=integration-test-erp]').waitFor();
    // nothing tested yet; the ERP push says plainly that it is not configured
    expect(await panel.locator('[data-testid=integration-status]').first().textContent()).toBe('Not tested');

    // the webhook row's own button: a signed ping reaches the receiver, the row shows OK
    const before = receiver.received.length;
    const row = page
      .locator(`.ant-table-row[data-row-key="${hookId}"]`)
      .filter({ has: page.locator('[data-testid=webhook-test]') });
    await row.locator('[data-testid=webhook-test] button').click();
    await row.locator('[data-testid=integration-result]').waitFor();
    expect(await row.locator('[data-testid=integration-status]').textContent()).toContain('OK');
    expect(receiver.received.slice(before).map((h) => h.headers['x-orderloop-event'])).toEqual(['ping']);

    // a receiver answering 503: the list shows the failure and the status
    receiver.state.script = [503];
    const hookLine = panel.locator(`.ant-table-row[data-row-key="${hookId}"]`);
    await hookLine.locator('[data-testid=integration-test-webhook]').click();
    await expect
      .poll(() => hookLine.locator('[data-testid=integration-status]').textContent())
      .toContain('HTTP 503');
    expect(await hookLine.textContent()).toContain('Failed');

    const erp = panel.locator('.ant-table-row[data-row-key="erp"]');
    await erp.locator('[data-testid=integration-test-erp]').click();
    await expect
      .poll(() => erp.locator('[data-testid=integration-status]').textContent())
      .toBe('Not configured');
    expect(await erp.textContent()).toContain('no ERP connector');
    await screenshot(page, 'channels-integrations-en.png');
  });
});
