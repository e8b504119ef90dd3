import type { CustomerOrderSummary } from '@orderloop/contract';
import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { requireCustomer } from '../access/access.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';

const LABEL_ITEMS = 3;

/** "红烧牛肉面 ×2、卤蛋…": the first few lines of an order, for a list row. */
function itemsLabel(lines: { productName: string; quantity: number }[], locale: string) {
  const sep = locale === 'en' ? ', ' : '、';
  const shown = lines
    .slice(0, LABEL_ITEMS)
    .map((l) => (l.quantity > 1 ? `${l.productName} ×${l.quantity}` : l.productName));
  return shown.join(sep) + (lines.length > LABEL_ITEMS ? '…' : '');
}

/** The signed-in customer's orders, newest first; keyset on (created_at, id) over orders_customer_idx. */
export async function listMyOrders(
  ctx: Ctx,
  q: { cursor?: string; limit: number },
): Promise<{ items: CustomerOrderSummary[]; nextCursor: string | null }> {
  const actor = requireCustomer(ctx.actor);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const at = after ? new Date(after[0]) : null;
  const rows = await ctx.db
    .select({ o: orders, storeName: stores.name })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(
      and(
        eq(orders.businessId, actor.businessId),
        eq(orders.customerId, actor.customerId),
        at && !Number.isNaN(at.getTime())
          ? or(lt(orders.createdAt, at), and(eq(orders.createdAt, at), lt(orders.id, after![1])))
          : undefined,
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.o.createdAt.toISOString(), r.o.id]);
  const ids = page.items.map((r) => r.o.id);
  const lines = ids.length
    ? await ctx.db
        .select({
          orderId: orderLines.orderId,
          productName: orderLines.productName,
          quantity: orderLines.quantity,
        })
        .from(orderLines)
        .where(inArray(orderLines.orderId, ids))
        .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo))
    : [];
  return {
    items: page.items.map(({ o, storeName }) => {
      const mine = lines.filter((l) => l.orderId === o.id);
      return {
        id: o.id,
        number: o.number,
        storeId: o.storeId,
        storeName,
        fulfilment: o.fulfilment,
        state: o.state,
        currency: o.currency,
        total: o.total,
        paymentStatus: o.paymentStatus,
        lineCount: mine.length,
        itemsLabel: itemsLabel(mine, ctx.locale),
        submittedAt: o.submittedAt?.toISOString() ?? null,
        createdAt: o.createdAt.toISOString(),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
