import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { queryRows } from '../db/connect.ts';
import { currentWorkflow } from '../workflow/definitions.ts';

/**
 * Generates `count` realistic orders (1–4 lines each) for the demo businesses, spread over the past
 * year, in set-based SQL batches so a million rows take minutes, not hours. Numbers follow the real
 * format per store and local day; counters are moved past them so live orders never collide.
 * For benchmarks of the list, export and dashboard; prices are the SKUs' base prices.
 */
export async function seedOrders(db: Db, count: number, log: (m: string) => void = () => {}) {
  const batch = 50_000;
  const demo = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM businesses WHERE slug IN ('demo-restaurant', 'demo-factory')`,
  );
  for (const b of demo) await currentWorkflow(db, b.id);
  const [{ n: existing } = { n: 0 }] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM orders`,
  );
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        CREATE TEMP TABLE gen ON COMMIT DROP AS
        WITH s AS (
          SELECT st.id AS store_id, st.business_id, st.code, st.timezone, st.currency,
                 row_number() OVER (ORDER BY st.business_id, st.code) - 1 AS i, count(*) OVER () AS n
          FROM stores st JOIN businesses b ON b.id = st.business_id WHERE b.slug IN ('demo-restaurant', 'demo-factory')
        ),
        g AS (
          SELECT gs,
                 -- oldest first, batch after batch: rows land on disk in time order, as real orders do
                 now() - interval '365 days' * (1 - (${done} + gs - random()) / ${count}) AS created_at,
                 floor(random() * 1000000)::int AS r
          FROM generate_series(1, ${size}) gs
        )
        SELECT gen_random_uuid() AS id, s.store_id, s.business_id, s.code, s.timezone, s.currency, g.created_at, g.r,
               (ARRAY['submitted','submitted','accepted','preparing','completed','completed','completed','cancelled'])[1 + g.r % 8] AS state,
               (ARRAY['console','miniapp','miniapp'])[1 + (g.r / 8) % 3] AS channel,
               (ARRAY['unpaid','paid','paid'])[1 + (g.r / 24) % 3] AS payment_status,
               1 + (g.r / 72) % 4 AS line_count
        FROM g JOIN s ON s.i = g.gs % s.n`);
      // each business's customers and SKUs as arrays, so a pick is an index, not an OFFSET scan
      await tx.execute(sql`
        CREATE TEMP TABLE gen_pick ON COMMIT DROP AS
        SELECT b.id AS business_id,
               ARRAY(SELECT c.id FROM customers c WHERE c.business_id = b.id ORDER BY c.id) AS customers,
               ARRAY(SELECT k.id FROM skus k WHERE k.business_id = b.id ORDER BY k.id) AS skus,
               (SELECT w.id FROM workflows w WHERE w.business_id = b.id ORDER BY w.version DESC LIMIT 1) AS workflow_id
        FROM businesses b WHERE b.slug IN ('demo-restaurant', 'demo-factory')`);
      await tx.execute(sql`
        CREATE TEMP TABLE gen_numbered ON COMMIT DROP AS
        SELECT gen.*, to_char(created_at AT TIME ZONE timezone, 'YYYYMMDD') AS day,
               coalesce((SELECT last FROM order_number_counters c WHERE c.store_id = gen.store_id
                          AND c.local_date = (created_at AT TIME ZONE timezone)::date), 0)
               + row_number() OVER (PARTITION BY store_id, (created_at AT TIME ZONE timezone)::date ORDER BY created_at) AS seq,
               pick.customers[1 + gen.r % NULLIF(cardinality(pick.customers), 0)] AS customer_id
        FROM gen JOIN gen_pick pick ON pick.business_id = gen.business_id`);
      // lines first (into a temp table), so each order is written once with its totals
      await tx.execute(sql`
        CREATE TEMP TABLE gen_lines ON COMMIT DROP AS
        SELECT gen_random_uuid() AS id, n.id AS order_id, ln, k.id AS sku_id, k.product_id, p.name, k.code, q, k.price
        FROM gen_numbered n
        CROSS JOIN LATERAL generate_series(1, n.line_count) ln
        CROSS JOIN LATERAL (SELECT 1 + (n.r / (ln * 3)) % 5 AS q) qty
        JOIN gen_pick pick ON pick.business_id = n.business_id
        JOIN skus k ON k.id = pick.skus[1 + (n.r / ln) % cardinality(pick.skus)]
        JOIN products p ON p.id = k.product_id`);
      await tx.execute(sql`
        INSERT INTO orders (id, business_id, store_id, number, customer_id, contact, channel, fulfilment, fulfilment_details,
                            notes, state, workflow_id, state_entered_at, version, currency, tax_mode, subtotal, discount, fees_total, tax, total, fees,
                            payment_status, stock_reserved, sales_rep_id, created_by, tags, custom_fields, submitted_at, created_at, updated_at)
        SELECT n.id, n.business_id, n.store_id, n.code || '-' || n.day || '-' || lpad(n.seq::text, 4, '0'), n.customer_id,
               jsonb_build_object('name', coalesce(c.contact_name, c.name, '顾客' || (n.r % 997)), 'phone', '139' || lpad((n.r * 7 % 100000000)::text, 8, '0')),
               n.channel, CASE WHEN b.kind = 'b2b' THEN 'shipment' ELSE (ARRAY['dine_in','pickup','delivery'])[1 + n.r % 3] END, '{}'::jsonb,
               CASE WHEN n.r % 10 = 0 THEN '加急 urgent' WHEN n.r % 17 = 0 THEN '少辣 less spicy' END,
               CASE WHEN b.kind = 'b2b'
                 THEN (ARRAY['submitted','under_review','approved','in_production','shipped','closed','closed','cancelled'])[1 + n.r % 8]
                 ELSE n.state END,
               pick.workflow_id, n.created_at,
               1, n.currency, CASE WHEN b.kind = 'b2b' THEN 'exclusive' ELSE 'inclusive' END,
               t.s, 0, 0, 0, t.s, '[]'::jsonb, n.payment_status, false, c.sales_rep_id, NULL,
               CASE WHEN n.r % 23 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END, '{}'::jsonb, n.created_at, n.created_at, n.created_at
        FROM gen_numbered n JOIN businesses b ON b.id = n.business_id LEFT JOIN customers c ON c.id = n.customer_id
        JOIN gen_pick pick ON pick.business_id = n.business_id
        JOIN (SELECT order_id, sum(price * q) AS s FROM gen_lines GROUP BY order_id) t ON t.order_id = n.id`);
      await tx.execute(sql`
        INSERT INTO order_lines (id, order_id, line_no, sku_id, product_id, product_name, sku_code, sku_label, modifiers, modifiers_label,
                                 quantity, unit_price, price_source, gross, line_discount, order_discount, net, tax, total)
        SELECT id, order_id, ln, sku_id, product_id, name, code, '', '{}'::jsonb, '', q, price, 'base', price * q, 0, 0, price * q, 0, price * q
        FROM gen_lines`);
      await tx.execute(sql`
        INSERT INTO order_number_counters (store_id, local_date, last)
        SELECT store_id, (created_at AT TIME ZONE timezone)::date, max(seq) FROM gen_numbered GROUP BY 1, 2
        ON CONFLICT (store_id, local_date) DO UPDATE SET last = GREATEST(order_number_counters.last, excluded.last)`);
    });
    log(`generated ${done + size} / ${count} orders`);
  }
  await db.execute(sql`ANALYZE orders`);
  await db.execute(sql`ANALYZE order_lines`);
  return existing + count;
}
