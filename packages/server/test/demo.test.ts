import { builtInRoleDefinitions, routes } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { DEMO_PASSWORD, demoBusinesses } from '../src/seed/demo-data.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ demo: true, env: { LOGIN_IP_LIMIT: '1000' } });
});
afterAll(() => s.close());

describe('demo data', () => {
  const everyone = demoBusinesses.flatMap((b) => b.users.map((u) => [u.username, u.role, b.slug] as const));

  it('covers every role of DESIGN.md in both businesses', () => {
    for (const b of demoBusinesses) {
      const held = new Set(b.users.map((u) => u.role));
      const expected = Object.keys(builtInRoleDefinitions).filter(
        (r) => b.kind === 'b2b' || r !== 'sales_rep',
      );
      expect([...held].sort()).toEqual(expected.sort());
    }
  });

  it.each(everyone)('%s (%s) signs in and holds the role permissions', async (username, role) => {
    const c = await s.loginToken(username, DEMO_PASSWORD);
    const me = await c.call(routes.me);
    expect(me.permissions.map((p) => p.permission).sort()).toEqual(
      [...builtInRoleDefinitions[role].permissions].sort(),
    );
    expect(me.stores.length).toBeGreaterThan(0);
  });

  it('has a restaurant menu with options and some tracked stock, and B2B accounts with price lists', async () => {
    const [r] = await queryRows<{
      products: number;
      variants: number;
      tracked: number;
      accounts: number;
      lists: number;
      breaks: number;
    }>(
      s.database.db,
      sql`SELECT
        (SELECT count(*)::int FROM products) AS products,
        (SELECT count(*)::int FROM skus WHERE options <> '{}'::jsonb) AS variants,
        (SELECT count(*)::int FROM stock_levels WHERE tracked) AS tracked,
        (SELECT count(*)::int FROM customers WHERE kind = 'account' AND price_list_id IS NOT NULL) AS accounts,
        (SELECT count(*)::int FROM price_lists) AS lists,
        (SELECT count(*)::int FROM price_list_items WHERE min_quantity > 1) AS breaks`,
    );
    expect(r!.products).toBeGreaterThanOrEqual(15);
    expect(r!.variants).toBeGreaterThan(10);
    expect(r!.tracked).toBeGreaterThan(5);
    expect(r!.accounts).toBeGreaterThanOrEqual(3);
    expect(r!.lists).toBe(2);
    expect(r!.breaks).toBeGreaterThan(0);
  });

  it('seeding again writes nothing', async () => {
    expect(await seedDemo(s.database.db)).toBe(false);
  });
});
