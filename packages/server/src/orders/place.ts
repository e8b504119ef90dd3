import type { Order, Quote } from '@orderloop/contract';
import { recordAudit } from '../audit/record.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { recordOutOfStock } from '../exceptions/incidents.ts';
import type { Ctx } from '../http/context.ts';
import { ConflictError, OutOfStockError } from '../lib/errors.ts';
import { type Claim, completeIdempotency, releaseIdempotency } from '../lib/idempotency.ts';
import { newId } from '../lib/ids.ts';
import { buildQuote, type QuoteInput } from '../pricing/quote.ts';
import { currentWorkflow } from '../workflow/definitions.ts';
import { initialPlacement, startWorkflow } from '../workflow/start.ts';
import { nextOrderNumber } from './numbering.ts';
import { toOrder } from './to-order.ts';

type Store = { id: string; businessId: string; code: string; timezone: string; currency: string };

export type Placement = {
  store: Store;
  customerId: string | null;
  channel: 'console' | 'miniapp' | 'erp_import';
  submit: boolean;
  quote: QuoteInput;
  fields: {
    contact: { name?: string; phone?: string };
    fulfilmentDetails: Record<string, string | undefined>;
    notes: string | null;
    tags: string[];
    customFields: Record<string, unknown>;
    salesRepId: string | null;
    assignedTo: string | null;
    createdBy: string | null;
  };
  clientTotal?: number;
  claim: Claim;
};

/** A quote with any unavailable line cannot become an order; out of stock names the SKU. */
export function assertOrderable(q: Quote) {
  const i = q.lines.findIndex((l) => l.unavailable === 'out_of_stock');
  if (i >= 0) {
    const l = q.lines[i]!;
    throw new OutOfStockError(
      l.skuCode,
      l.quantity,
      Math.max(0, l.stockAvailable ?? 0),
      `body.lines.${i}.quantity`,
    );
  }
  if (!q.orderable) {
    const err = new ConflictError('CONFLICT', {
      key: 'order.unavailable',
      vars: { count: q.lines.filter((l) => l.unavailable).length },
    });
    err.fields = q.lines.flatMap((l, n) =>
      l.unavailable ? [{ field: `body.lines.${n}.skuId`, code: l.unavailable, message: l.unavailable }] : [],
    );
    throw err;
  }
}

/** The stored lines of a priced quote, with the discounts that were asked for. */
export const lineValues = (quote: Quote, asked: QuoteInput, orderId: string, now: Date) =>
  quote.lines.map((l, i) => ({
    id: newId(now.getTime()),
    orderId,
    lineNo: i + 1,
    skuId: l.skuId,
    productId: l.productId,
    productName: l.productName,
    skuCode: l.skuCode,
    skuLabel: l.skuLabel,
    modifiers: l.modifiers,
    modifiersLabel: l.modifiersLabel,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    priceSource: l.priceSource,
    discount: asked.lines[i]?.discount ?? null,
    gross: l.gross,
    lineDiscount: l.lineDiscount,
    orderDiscount: l.orderDiscount,
    net: l.net,
    tax: l.tax,
    total: l.total,
  }));

/**
 * Prices (server-side, from the database only), numbers and writes an order; when submitted, also
 * reserves its stock — order, lines, reservations, ledger, audit and the idempotency record commit
 * together or not at all.
 */
export async function placeOrder(ctx: Ctx, p: Placement): Promise<Order> {
  try {
    const now = ctx.clock.now();
    const quote = await buildQuote(ctx.db, p.store, p.customerId, p.quote, now);
    assertOrderable(quote);
    const wf = await currentWorkflow(ctx.db, p.store.businessId);
    const number = await nextOrderNumber(ctx.db, p.store, now);
    const id = newId(now.getTime());
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(orders)
        .values({
          id,
          businessId: p.store.businessId,
          storeId: p.store.id,
          number,
          customerId: p.customerId,
          channel: p.channel,
          fulfilment: p.quote.fulfilment,
          ...p.fields,
          ...initialPlacement(wf, p.submit, now),
          currency: quote.currency,
          taxMode: quote.taxMode,
          subtotal: quote.subtotal,
          discount: quote.discount,
          feesTotal: quote.feesTotal,
          tax: quote.tax,
          total: quote.total,
          fees: quote.fees,
          orderDiscount: p.quote.orderDiscount ?? null,
          priceOverridden: quote.lines.some((l) => l.priceSource === 'override'),
          submittedAt: p.submit ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const lines = await tx
        .insert(orderLines)
        .values(lineValues(quote, p.quote, id, now))
        .returning();
      const by =
        ctx.actor?.kind === 'customer'
          ? { type: 'customer' as const, id: ctx.actor.customerId }
          : { type: 'user' as const, id: p.fields.createdBy! };
      // stock goes last (see deferStock): the order's own rows first, the shared stock rows just
      // before commit
      const last: (() => Promise<void>)[] = [];
      await startWorkflow(tx, ctx, row!, wf, p.submit, by, {
        fresh: { lines },
        deferStock: (reserve) => last.push(reserve),
      });
      // what the workflow changed on the order row: only the reservation flag, set by `last`
      const fresh = { ...row!, stockReserved: row!.stockReserved || last.length > 0 };
      await recordAudit(tx, ctx, {
        action: p.submit ? 'order.submitted' : 'order.draft_saved',
        entityType: 'order',
        entityId: id,
        storeId: p.store.id,
        after: {
          number,
          total: quote.total,
          lines: quote.lines.length,
          channel: p.channel,
          priceOverridden: fresh.priceOverridden,
        },
      });
      const order = {
        ...toOrder(fresh, lines),
        ...(p.clientTotal !== undefined && p.clientTotal !== quote.total
          ? { clientTotalMismatch: true }
          : {}),
      };
      await completeIdempotency(tx, p.claim, 201, order);
      for (const run of last) await run();
      return order;
    });
  } catch (err) {
    await releaseIdempotency(ctx.db, p.claim);
    // a refused submission leaves no order: the exceptions view keeps a record of it
    if (err instanceof OutOfStockError && p.submit)
      await recordOutOfStock(
        ctx,
        { businessId: p.store.businessId, storeId: p.store.id, customerId: p.customerId, channel: p.channel },
        err,
      );
    throw err;
  }
}
