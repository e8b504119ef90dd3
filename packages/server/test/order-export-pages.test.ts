import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { ORDER_BATCH } from '../src/order-export/rows.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { seedOrders } from '../src/seed/orders.ts';
import { readTable } from '../src/spreadsheets/index.ts';
import { startTestServer, type TestServer } from './harness.ts';

// more orders than one page of the export's query, so rows cross page boundaries (keyset pages)
let s: TestServer;
let token = '';

beforeAll(async () => {
  s = await startTestServer({ demo: true });
  // half go to the restaurant (two of the demo's four stores): a page and a bit
  await seedOrders(s.database.db, ORDER_BATCH * 2 + 600);
  token = (await s.loginToken('rest-admin', DEMO_PASSWORD)).token;
}, 300_000);
afterAll(() => s.close());

async function exportRows(query: Record<string, string>) {
  const res = await fetch(`${s.url}/api/orders/export?${new URLSearchParams({ format: 'csv', ...query })}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await readTable(Buffer.from(await res.arrayBuffer()), 'csv')).rows.map((r) =>
    Object.values(r.cells),
  );
}

const restaurant = sql`(SELECT id FROM businesses WHERE slug = 'demo-restaurant')`;

describe('export across pages', () => {
  it('writes every line of every order once, in the list order, newest first', async () => {
    const want = await queryRows<{ number: string; line_no: number }>(
      s.database.db,
      sql`SELECT o.number, l.line_no FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE o.business_id = ${restaurant} ORDER BY o.created_at DESC, o.id DESC, l.line_no`,
    );
    const orders = new Set(want.map((w) => w.number));
    expect(orders.size).toBeGreaterThan(ORDER_BATCH);
    const got = await exportRows({ granularity: 'lines', columns: 'number,lineNo' });
    expect(got).toEqual(want.map((w) => [w.number, String(w.line_no)]));
  });

  it('pages through ties of the sort key (many orders share a total) without skipping or repeating', async () => {
    const want = await queryRows<{ number: string; total: number }>(
      s.database.db,
      sql`SELECT number, total::float8 AS total FROM orders WHERE business_id = ${restaurant} ORDER BY total, id`,
    );
    expect(new Set(want.map((w) => w.total)).size).toBeLessThan(want.length);
    const got = await exportRows({ granularity: 'orders', columns: 'number', sort: 'total' });
    expect(got).toEqual(want.map((w) => [w.number]));
  });
});
