import type { editOrderSchema } from '@orderloop/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requirePermission, type Scope } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { stores, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, NotFoundError, WorkflowError } from '../lib/errors.ts';
import { totalsOf } from '../payments/ledger.ts';
import { paymentStatusOf } from '../payments/status.ts';
import { assertOverrideAllowed } from '../pricing/override.ts';
import { buildQuote, type QuoteInput } from '../pricing/quote.ts';
import { openApprovalIfNeeded } from '../workflow/approvals.ts';
import { isEditable, isOpen, stateOf, workflowById } from '../workflow/definitions.ts';
import { recordEvent } from '../workflow/effects.ts';
import { assertOrderable, lineValues } from './place.ts';
import { loadOrder, orderOwnership } from './read.ts';
import { reserveStock } from './reserve.ts';
import { releaseOrderStock } from './stock-hooks.ts';

export type OrderEdit = Omit<z.output<typeof editOrderSchema>, 'expectedVersion'> & {
  expectedVersion?: number;
};
type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

/** What an edit is audited by: the fields people change, lines as "SKU × qty @ price". */
const snapshot = (o: OrderRow, lines: LineRow[]) => ({
  lines: lines.map((l) => `${l.skuCode} × ${l.quantity} @ ${l.unitPrice}`),
  orderDiscount: o.orderDiscount,
  total: o.total,
  fulfilmentDetails: o.fulfilmentDetails,
  contact: o.contact,
  notes: o.notes,
  tags: o.tags,
  customFields: o.customFields,
  assignedTo: o.assignedTo,
  salesRepId: o.salesRepId,
});

export async function assertUsersOfBusiness(
  db: Ctx['db'],
  businessId: string,
  ids: (string | null | undefined)[],
) {
  for (const id of ids) {
    if (!id) continue;
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.businessId, businessId)));
    if (!u) throw new NotFoundError('user');
  }
}

/**
 * Applies an edit inside the caller's transaction, to an order the caller may edit. Re-priced lines
 * give back what the order held and reserve again (all or nothing), and the approval rules run again
 * on the new prices — the same guard entry has, so an edit cannot slip a discount past approval.
 */
export async function applyEdit(tx: Tx, ctx: Ctx, scope: Scope, id: string, input: OrderEdit) {
  const now = ctx.clock.now();
  const [o] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
  if (!o) throw new NotFoundError('order');
  const wf = await workflowById(tx, o.workflowId!);
  const stateName = stateOf(wf.definition, o.state)?.name[ctx.locale] ?? o.state;
  if (input.expectedVersion !== undefined && input.expectedVersion !== o.version)
    throw new WorkflowError(
      'VERSION_CONFLICT',
      { key: 'workflow.versionConflict', vars: { state: stateName, version: o.version } },
      { state: o.state, version: o.version },
    );
  const touchesPrices = input.lines !== undefined || input.orderDiscount !== undefined;
  if (!(touchesPrices ? isEditable : isOpen)(wf.definition, o.state))
    throw new WorkflowError(
      'TRANSITION_NOT_ALLOWED',
      { key: 'order.notEditable', vars: { number: o.number, state: stateName } },
      { state: o.state, version: o.version },
    );
  const before = await tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, id))
    .orderBy(asc(orderLines.lineNo));

  let priced: Partial<OrderRow> = {};
  if (touchesPrices) {
    const asked: QuoteInput = {
      storeId: o.storeId,
      customerId: o.customerId,
      fulfilment: o.fulfilment,
      lines:
        input.lines ??
        before.map((l) => ({
          skuId: l.skuId,
          quantity: l.quantity,
          modifiers: l.modifiers,
          discount: l.discount,
          overridePrice: l.priceSource === 'override' ? l.unitPrice : null,
        })),
      orderDiscount: input.orderDiscount !== undefined ? input.orderDiscount : o.orderDiscount,
    };
    const held = o.stockReserved;
    // what this order holds is available to its own new lines
    if (held)
      await releaseOrderStock(tx, {
        businessId: o.businessId,
        orderId: id,
        actorId: scope.actor.userId,
        now,
      });
    const [store] = await tx.select().from(stores).where(eq(stores.id, o.storeId));
    const quote = await buildQuote(tx, store!, o.customerId, asked, now);
    assertOrderable(quote);
    await tx.delete(orderLines).where(eq(orderLines.orderId, id));
    await tx.insert(orderLines).values(lineValues(quote, asked, id, now));
    if (held)
      await reserveStock(
        tx,
        { businessId: o.businessId, storeId: o.storeId, orderId: id, actorId: scope.actor.userId, now },
        quote.lines.map((l, i) => ({
          skuId: l.skuId,
          skuCode: l.skuCode,
          quantity: l.quantity,
          field: `body.lines.${i}.quantity`,
        })),
      );
    priced = {
      subtotal: quote.subtotal,
      discount: quote.discount,
      feesTotal: quote.feesTotal,
      tax: quote.tax,
      total: quote.total,
      fees: quote.fees,
      orderDiscount: asked.orderDiscount ?? null,
      priceOverridden: quote.lines.some((l) => l.priceSource === 'override'),
      stockReserved: held,
    };
    // a new total moves what the recorded payments amount to (orders without entries keep theirs)
    const paidSoFar = await totalsOf(tx, id);
    if (paidSoFar.paid + paidSoFar.refunded > 0)
      priced.paymentStatus = paymentStatusOf(quote.total, paidSoFar);
  }
  const { expectedVersion: _, lines: __, orderDiscount: ___, ...fields } = input;
  const [row] = await tx
    .update(orders)
    .set({ ...fields, ...priced, version: o.version + 1, updatedAt: now })
    .where(eq(orders.id, id))
    .returning();
  const after = await tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, id))
    .orderBy(asc(orderLines.lineNo));
  if (touchesPrices && stateOf(wf.definition, o.state)?.category !== 'draft')
    await openApprovalIfNeeded(tx, ctx, row!, wf);
  await recordEvent(
    tx,
    row!,
    'order.edited',
    { number: o.number, version: row!.version, fields: Object.keys(input) },
    now,
  );
  await recordAudit(tx, ctx, {
    action: 'order.edited',
    entityType: 'order',
    entityId: id,
    storeId: o.storeId,
    before: snapshot(o, before),
    after: snapshot(row!, after),
  });
  return row!;
}

export async function editOrder(ctx: Ctx, id: string, input: OrderEdit) {
  const scope = requirePermission(ctx.actor, 'orders.edit');
  const { row } = await loadOrder(ctx.db, scope.actor.businessId, id);
  assertInScope(scope, orderOwnership(row));
  if (input.lines) assertOverrideAllowed(scope, { lines: input.lines });
  await assertUsersOfBusiness(ctx.db, scope.actor.businessId, [input.assignedTo, input.salesRepId]);
  // a sales rep's orders stay theirs
  if (
    input.salesRepId !== undefined &&
    !scope.all &&
    !scope.storeIds.length &&
    input.salesRepId !== scope.actor.userId
  )
    throw new ForbiddenError({ key: 'forbidden.permission', vars: { permission: 'orders.edit' } });
  return ctx.db.transaction((tx) => applyEdit(tx, ctx, scope, id, input));
}
