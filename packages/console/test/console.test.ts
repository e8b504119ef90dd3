import { builtInRoleDefinitions, type Permission } from '@orderloop/contract';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoBusinesses } from '../../server/src/seed/demo-data.ts';
import { chooseOption, consoleInBrowser, demoUser, rows, screenshot, signIn } from './browser.ts';

// The side navigation as specified: which permission shows which entry.
const navSpec: Record<string, Permission> = {
  '/orders': 'orders.read',
  '/orders/new': 'orders.create',
  '/users': 'users.read',
  '/roles': 'users.read',
  '/stores': 'stores.read',
  '/customers': 'customers.read',
  '/audit': 'audit.read',
  '/complaints': 'complaints.read',
  '/approvals': 'orders.approve',
  '/exceptions': 'orders.read',
  '/reports': 'reports.read',
  '/board': 'board.view',
  '/catalog': 'catalog.read',
  '/catalog/stock': 'catalog.read',
  '/catalog/price-lists': 'catalog.read',
  '/settings/workflows': 'workflows.manage',
  '/settings/notifications': 'channels.manage',
  '/settings/channels': 'channels.manage',
  '/settings/outbox': 'outbox.manage',
};

/** The entries a demo user must see, from their built-in role's permissions. */
const expectedNav = (username: string) => {
  const held = new Set<Permission>(builtInRoleDefinitions[demoUser(username).role].permissions);
  return Object.entries(navSpec)
    .filter(([, p]) => held.has(p))
    .map(([path]) => path)
    .sort();
};

const { openPage } = consoleInBrowser();

const navPaths = async (page: Page) =>
  (
    await page
      .locator('[data-testid=main-nav] a[data-nav]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-nav')))
  )
    .filter((p) => p !== '/')
    .sort();

describe('console in a real browser', () => {
  it('shows the localized error for a wrong password, then signs in', async () => {
    const page = await openPage('zh-CN');
    await page.goto('/');
    await page.waitForURL('**/login'); // no session: straight to sign-in, no "expired" notice
    expect(await page.locator('[data-testid=login-notice]').count()).toBe(0);
    await screenshot(page, 'login.png');
    await page.locator('input#username').fill('rest-boss');
    await page.locator('input#password').fill('not-the-password');
    await page.locator('[data-testid=login-submit]').click();
    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    await page.locator('input#password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=main-nav]').waitFor();
    expect(await page.locator('[data-testid=user-name]').textContent()).toBe('李总');
  });

  it('tells a locked account apart from a wrong password, with the server detail', async () => {
    const page = await openPage('en');
    await page.goto('/login');
    const attempt = async (password: string) => {
      await page.locator('input#username').fill('rest-staff-b');
      await page.locator('input#password').fill(password);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        page.locator('[data-testid=login-submit]').click(),
      ]);
    };
    for (let i = 0; i < 5; i++) await attempt('wrong-password');
    await attempt(DEMO_PASSWORD);
    const error = page.locator('[data-testid=login-error]');
    await expect.poll(() => error.textContent()).toContain('Account temporarily locked');
    expect(await error.textContent()).toMatch(/Try again in \d+ minutes/);
  });

  it.each(['rest-admin', 'rest-kitchen', 'fact-sales1', 'fact-director', 'rest-cashier'])(
    'shows %s exactly the navigation their permissions allow',
    async (username) => {
      const page = await openPage();
      await signIn(page, username);
      const expected = expectedNav(username);
      expect(await navPaths(page)).toEqual(expected);
      const u = demoUser(username);
      expect(await page.locator('[data-testid=user-name]').textContent()).toBe(u.displayName);
      expect(await page.locator('[data-testid=business-name]').textContent()).toBe(u.business.name);
      // a page outside the user's permissions is a friendly "not allowed", not a crash
      const hidden = Object.keys(navSpec).find((p) => !expected.includes(p));
      if (hidden) {
        await page.goto(hidden);
        await page.locator('.ant-result-403').waitFor();
      }
    },
  );

  it('switches the language to English and Japanese', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, 'rest-admin');
    const greeting = page.locator('[data-testid=home-greeting]');
    expect(await greeting.textContent()).toBe('王管理，您好');
    await page.locator('[data-testid=home-permissions]').waitFor();
    await screenshot(page, 'home-zh.png');

    await chooseOption(page, '[data-testid=locale-switcher]', 'English');
    await expect.poll(() => greeting.textContent()).toBe('Hello, 王管理');
    await expect.poll(() => page.locator('[data-testid=user-roles]').textContent()).toBe('Administrator');
    expect(await page.locator('[data-testid=main-nav]').textContent()).toContain('Audit log');
    await screenshot(page, 'home-en.png');

    await chooseOption(page, '[data-testid=locale-switcher]', '日本語');
    await expect.poll(() => greeting.textContent()).toBe('こんにちは、王管理 さん');
    await expect.poll(() => page.locator('[data-testid=user-roles]').textContent()).toBe('管理者');
    await screenshot(page, 'home-ja.png');

    // remembered across a reload
    await page.reload();
    await greeting.waitFor();
    expect(await greeting.textContent()).toBe('こんにちは、王管理 さん');
  });

  it('creates a user through the drawer and shows a duplicate username on its field', async () => {
    const page = await openPage();
    await signIn(page, 'rest-admin');
    await page.locator('[data-nav="/users"]').click();
    await rows(page).first().waitFor();
    const before = await rows(page).count();

    const fill = async (username: string) => {
      await page.locator('[data-testid=new-user]').click();
      await page.locator('[data-testid=user-username]').fill(username);
      await page.locator('[data-testid=user-display-name]').fill('吴新员');
      await page.locator('[data-testid=user-password]').fill('a-long-password');
      await chooseOption(page, '[data-testid=user-role]', '收银');
      await page.locator('[data-testid=user-submit]').click();
    };
    await fill('rest-newbie');
    await expect.poll(() => rows(page).count()).toBe(before + 1);
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('rest-newbie');
    await screenshot(page, 'users.png');

    await fill('rest-newbie');
    const usernameItem = page.locator('.ant-form-item', { has: page.locator('[data-testid=user-username]') });
    const fieldError = usernameItem.locator('.ant-form-item-explain-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('rest-newbie');
    expect(await fieldError.textContent()).toContain('已存在');
    await screenshot(page, 'users-duplicate.png');

    // the creation is in the audit log, with what was set
    await page.locator('.ant-drawer-close').click();
    await page.locator('[data-nav="/audit"]').click();
    await page.locator('[data-testid=audit-action]').waitFor();
    const created = rows(page).filter({ hasText: '新建用户' });
    await created.first().waitFor();
    expect(await created.first().textContent()).toContain('rest-newbie');
    await screenshot(page, 'audit.png');
  });

  it('shows a sales rep only their own customers', async () => {
    const page = await openPage();
    await signIn(page, 'fact-sales1');
    await page.locator('[data-nav="/customers"]').click();
    const factory = demoBusinesses.find((b) => b.slug === 'demo-factory')!;
    const own = factory.accounts!.filter((a) => a.salesRep === 'fact-sales1').map((a) => a.name);
    expect(own).toHaveLength(2);
    expect(factory.accounts).toHaveLength(4);
    await expect.poll(() => rows(page).count()).toBe(own.length);
    const names = await rows(page).locator('td:first-child').allTextContents();
    expect(names.sort()).toEqual([...own].sort());
    await screenshot(page, 'customers-sales-rep.png');

    // filters live in the URL
    await page.locator('[data-testid=customers-search] input').fill('云途');
    await page.locator('[data-testid=customers-search] input').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(() => rows(page).count()).toBe(1);
  });

  it('shows roles, stores, customers and the audit log to an administrator', async () => {
    const page = await openPage();
    await signIn(page, 'fact-admin');
    await page.locator('[data-nav="/roles"]').click();
    await page.locator('.matrix .ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.matrix thead').textContent()).toContain('销售代表');
    await screenshot(page, 'roles.png');

    await page.locator('[data-nav="/stores"]').click();
    await expect.poll(() => rows(page).count()).toBe(2);
    await screenshot(page, 'stores.png');

    await page.locator('[data-nav="/customers"]').click();
    await expect.poll(() => rows(page).count()).toBe(4);
    await screenshot(page, 'customers.png');

    await page.locator('[data-nav="/audit"]').click();
    await page.locator('[data-testid=audit-action]').waitFor();
    await rows(page).first().waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).toContain('登录');
    await chooseOption(page, '[data-testid=audit-action]', '登录');
    await page.waitForURL(/action=auth\.login/);
  });

  it('returns to sign-in with a notice when the session has expired', async () => {
    const page = await openPage();
    await signIn(page, 'rest-admin');
    await page.context().clearCookies({ name: 'ol_session' });
    await page.locator('[data-nav="/stores"]').click();
    await page.waitForURL(/\/login\?expired=1/);
    expect(await page.locator('[data-testid=login-notice]').textContent()).toContain('登录已过期');
  });
});
