import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { queryRows } from '../db/connect.ts';
import { currentWorkflow } from '../workflow/definitions.ts';

/** Orders per transaction: big enough that per-statement costs vanish, small enough for temp_buffers. */
const BATCH = 100_000;

/**
 * A UUIDv7 of the instant `at` (as newId makes them): ids ascend with creation time, so the primary
 * keys are appended to, not written all over, and the rows look like the application's.
 */
const uuidv7 = (at: string) =>
  sql.raw(`encode(set_byte(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch FROM ${at}) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
  6, (get_byte(uuid_send(gen_random_uuid()), 6) & 15) | 112), 'hex')::uuid`);

/**
 * Generates `count` realistic orders (1–4 lines each) for the demo businesses, spread over the past
 * year, in set-based SQL batches so a million rows take minutes, not hours. Numbers follow the real
 * format per store and local day; counters are moved past them so live orders never collide.
 * For benchmarks of the list, export and dashboard; prices are the SKUs' base prices.
 *
 * Each batch is one temp table of orders (numbered, with their totals) and three INSERTs; a line is
 * a pure function of its order's random number `r`, so the lines are never materialised twice.
 */
export async function seedOrders(db: Db, count: number, log: (m: string) => void = () => {}) {
  const demo = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM businesses WHERE slug IN ('demo-restaurant', 'demo-factory')`,
  );
  for (const b of demo) await currentWorkflow(db, b.id);
  const [{ n: existing } = { n: 0 }] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM orders`,
  );
  for (let done = 0; done < count; done += BATCH) {
    const size = Math.min(BATCH, count - done);
    await db.transaction(async (tx) => {
      // generated rows, not business data: a crash loses the batch, never a committed order
      await tx.execute(sql`SET LOCAL synchronous_commit = off`);
      // each business's customers as an array (a pick is an index, not an OFFSET scan) and its SKUs
      // numbered 1…n, joined by number: arrays of a thousand would be detoasted at every access
      await tx.execute(sql`
        CREATE TEMP TABLE gen_pick ON COMMIT DROP AS
        SELECT b.id AS business_id, b.kind,
               ARRAY(SELECT c.id FROM customers c WHERE c.business_id = b.id ORDER BY c.id) AS customers,
               (SELECT count(*)::int FROM skus k WHERE k.business_id = b.id) AS skus,
               (SELECT w.id FROM workflows w WHERE w.business_id = b.id ORDER BY w.version DESC LIMIT 1) AS workflow_id
        FROM businesses b WHERE b.slug IN ('demo-restaurant', 'demo-factory')`);
      await tx.execute(sql`
        CREATE TEMP TABLE gen_sku ON COMMIT DROP AS
        SELECT k.business_id, row_number() OVER (PARTITION BY k.business_id ORDER BY k.id)::int AS k,
               k.id AS sku_id, k.product_id, p.name, k.code, k.price
        FROM skus k JOIN products p ON p.id = k.product_id JOIN gen_pick pick ON pick.business_id = k.business_id`);
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
                 -- to the millisecond, as the application's clock writes them
                 date_trunc('milliseconds', now() - interval '365 days' * (1 - (${done} + gs - random()) / ${count})) AS created_at,
                 floor(random() * 1000000)::int AS r
          FROM generate_series(1, ${size}) gs
        ),
        o AS (
          SELECT s.store_id, s.business_id, s.code, s.currency, g.created_at, g.r,
                 (g.created_at AT TIME ZONE s.timezone)::date AS local_date,
                 1 + (g.r / 72) % 4 AS line_count
          FROM g JOIN s ON s.i = g.gs % s.n
        )
        SELECT ${uuidv7('o.created_at')} AS id, o.*,
               coalesce(c.last, 0) + row_number() OVER (PARTITION BY o.store_id, o.local_date ORDER BY o.created_at) AS seq,
               pick.customers[1 + o.r % NULLIF(cardinality(pick.customers), 0)] AS customer_id
        FROM o JOIN gen_pick pick ON pick.business_id = o.business_id
        LEFT JOIN order_number_counters c ON c.store_id = o.store_id AND c.local_date = o.local_date`);
      // temp tables have no statistics until asked: without them the SKU join becomes a nested loop
      await tx.execute(sql`ANALYZE gen_pick, gen_sku, gen`);
      // lines first (into a temp table), so each order is written once with its totals
      await tx.execute(sql`
        CREATE TEMP TABLE gen_lines ON COMMIT DROP AS
        SELECT n.id AS order_id, n.created_at, ln, k.sku_id, k.product_id, k.name, k.code, q, k.price
        FROM gen n JOIN gen_pick pick ON pick.business_id = n.business_id
        CROSS JOIN LATERAL generate_series(1, n.line_count) ln
        CROSS JOIN LATERAL (SELECT 1 + (n.r / ln) % pick.skus AS k, 1 + (n.r / (ln * 3)) % 5 AS q) x
        JOIN gen_sku k ON k.business_id = n.business_id AND k.k = x.k`);
      await tx.execute(sql`
        INSERT INTO orders (id, business_id, store_id, number, customer_id, contact, channel, fulfilment, fulfilment_details,
                            notes, state, workflow_id, state_entered_at, version, currency, tax_mode, subtotal, discount, fees_total, tax, total, fees,
                            payment_status, stock_reserved, sales_rep_id, created_by, tags, custom_fields, submitted_at, created_at, updated_at)
        SELECT n.id, n.business_id, n.store_id, n.code || '-' || to_char(n.local_date, 'YYYYMMDD') || '-' || lpad(n.seq::text, 4, '0'), n.customer_id,
               jsonb_build_object('name', coalesce(c.contact_name, c.name, '顾客' || (n.r % 997)), 'phone', '139' || lpad((n.r * 7 % 100000000)::text, 8, '0')),
               (ARRAY['console','miniapp','miniapp'])[1 + (n.r / 8) % 3],
               CASE WHEN pick.kind = 'b2b' THEN 'shipment' ELSE (ARRAY['dine_in','pickup','delivery'])[1 + n.r % 3] END, '{}'::jsonb,
               CASE WHEN n.r % 10 = 0 THEN '加急 urgent' WHEN n.r % 17 = 0 THEN '少辣 less spicy' END,
               CASE WHEN pick.kind = 'b2b'
                 THEN (ARRAY['submitted','under_review','approved','in_production','shipped','closed','closed','cancelled'])[1 + n.r % 8]
                 ELSE (ARRAY['submitted','submitted','accepted','preparing','completed','completed','completed','cancelled'])[1 + n.r % 8] END,
               pick.workflow_id, n.created_at,
               1, n.currency, CASE WHEN pick.kind = 'b2b' THEN 'exclusive' ELSE 'inclusive' END,
               t.s, 0, 0, 0, t.s, '[]'::jsonb, (ARRAY['unpaid','paid','paid'])[1 + (n.r / 24) % 3], false, c.sales_rep_id, NULL,
               CASE WHEN n.r % 23 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END, '{}'::jsonb, n.created_at, n.created_at, n.created_at
        FROM gen n JOIN gen_pick pick ON pick.business_id = n.business_id LEFT JOIN customers c ON c.id = n.customer_id
        JOIN (SELECT order_id, sum(price * q) AS s FROM gen_lines GROUP BY order_id) t ON t.order_id = n.id
        ORDER BY n.created_at`);
      await tx.execute(sql`
        INSERT INTO order_lines (id, order_id, line_no, sku_id, product_id, product_name, sku_code, sku_label, modifiers, modifiers_label,
                                 quantity, unit_price, price_source, gross, line_discount, order_discount, net, tax, total)
        SELECT ${uuidv7('created_at')}, order_id, ln, sku_id, product_id, name, code, '', '{}'::jsonb, '',
               q, price, 'base', price * q, 0, 0, price * q, 0, price * q
        FROM gen_lines ORDER BY created_at, order_id, ln`);
      await tx.execute(sql`
        INSERT INTO order_number_counters (store_id, local_date, last)
        SELECT store_id, local_date, max(seq) FROM gen GROUP BY 1, 2
        ON CONFLICT (store_id, local_date) DO UPDATE SET last = GREATEST(order_number_counters.last, excluded.last)`);
    });
    log(`generated ${done + size} / ${count} orders`);
  }
  await db.execute(sql`ANALYZE orders`);
  await db.execute(sql`ANALYZE order_lines`);
  return existing + count;
}
