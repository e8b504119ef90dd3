import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { openComplaint } from '../complaints/file.ts';
import { complaints } from '../db/complaint-schema.ts';
import { orders } from '../db/order-schema.ts';
import { businesses, users } from '../db/schema.ts';
import type { Deps } from '../http/context.ts';
import { systemCtx } from '../workflow/timers.ts';

/**
 * One open complaint per demo business, filed by its customer-service user on the oldest order
 * with a customer, so the console's complaints page and the order's complaints section have
 * something to show. Runs after the demo orders; does nothing once a business has complaints.
 */
export async function seedDemoComplaints(deps: Deps, log: (m: string) => void = () => {}) {
  for (const [slug, service, description] of [
    ['demo-restaurant', 'rest-service', '牛肉面里的牛肉太少了，和图片不一样。'],
    ['demo-factory', 'fact-service', '到货的办公椅扶手有划痕，需要更换。'],
  ] as const) {
    const [b] = await deps.db.select().from(businesses).where(eq(businesses.slug, slug));
    if (!b) continue;
    const [{ n } = { n: 0 }] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(complaints)
      .where(eq(complaints.businessId, b.id));
    if (n > 0) continue;
    const [o] = await deps.db
      .select()
      .from(orders)
      .where(and(eq(orders.businessId, b.id), isNotNull(orders.customerId)))
      .orderBy(asc(orders.createdAt))
      .limit(1);
    const [u] = await deps.db
      .select()
      .from(users)
      .where(and(eq(users.businessId, b.id), eq(users.username, service)));
    if (!o || !u) continue;
    const ctx = systemCtx(deps, `demo-seed:${slug}:complaint`);
    await deps.db.transaction((tx) =>
      openComplaint(
        tx,
        ctx,
        o,
        { kind: slug === 'demo-factory' ? 'return' : 'complaint', description },
        {
          type: 'user',
          id: u.id,
        },
      ),
    );
    log(`seeded an open demo complaint for ${slug}`);
  }
}
