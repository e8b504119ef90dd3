import type { Order, transitionRequestSchema } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requireCustomer, requirePermission } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { orderLines, type orders } from '../db/order-schema.ts';
import { recordOutOfStock } from '../exceptions/incidents.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError, OutOfStockError } from '../lib/errors.ts';
import { editabilityOf, loadOrder, orderOwnership } from '../orders/read.ts';
import { toOrder } from '../orders/to-order.ts';
import { workflowActor } from './actor.ts';
import { runTransition, type WorkflowActor } from './engine.ts';
import { workflowView } from './view.ts';

type OrderRow = typeof orders.$inferSelect;

/** An order as a reader sees it: with its workflow position and the actions open to them. */
export async function orderWithWorkflow(ctx: Ctx, row: OrderRow, actor: WorkflowActor, staff?: StaffActor) {
  const lines = await ctx.db.select().from(orderLines).where(eq(orderLines.orderId, row.id));
  const workflow = await workflowView(ctx.db, row, ctx.locale, actor, staff, ctx.clock.now());
  const editable = staff ? await editabilityOf(ctx.db, row, staff) : undefined;
  return {
    ...toOrder(row, lines),
    ...(workflow ? { workflow } : {}),
    ...(editable ? { editable } : {}),
  } satisfies Order;
}

export async function readOrder(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const { row } = await loadOrder(ctx.db, scope.actor.businessId, id);
  assertInScope(scope, orderOwnership(row));
  return orderWithWorkflow(ctx, row, workflowActor(scope.actor), scope.actor);
}

export async function readCustomerOrder(ctx: Ctx, id: string) {
  const actor = requireCustomer(ctx.actor);
  const { row } = await loadOrder(ctx.db, actor.businessId, id);
  if (row.customerId !== actor.customerId) throw new NotFoundError('order');
  return orderWithWorkflow(ctx, row, workflowActor(actor));
}

type Req = z.output<typeof transitionRequestSchema>;

/** Runs a transition; one refused for stock (submitting a draft) is recorded as an exception. */
async function transitionRecordingStock(ctx: Ctx, row: OrderRow, req: Req, actor: WorkflowActor) {
  try {
    return await ctx.db.transaction((tx) => runTransition(tx, ctx, row.id, req, actor));
  } catch (err) {
    if (err instanceof OutOfStockError)
      await recordOutOfStock(
        ctx,
        {
          businessId: row.businessId,
          storeId: row.storeId,
          customerId: row.customerId,
          channel: row.channel,
          orderId: row.id,
        },
        err,
      );
    throw err;
  }
}

/**
 * Staff take an action on an order they can see; whether this action is theirs to take (its
 * permissions, in their scope) is the workflow's call. A replay writes nothing, so it is not audited.
 */
export async function transitionOrder(ctx: Ctx, id: string, req: Req) {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const { row } = await loadOrder(ctx.db, scope.actor.businessId, id);
  assertInScope(scope, orderOwnership(row));
  const actor = workflowActor(scope.actor);
  const out = await transitionRecordingStock(ctx, row, req, actor);
  if (out.replayed) ctx.audited = true;
  return { order: await orderWithWorkflow(ctx, out.row, actor, scope.actor), replayed: out.replayed };
}

/** A customer takes one of the actions the definition gives customers (cancel before acceptance). */
export async function customerTransition(ctx: Ctx, id: string, req: Req) {
  const c = requireCustomer(ctx.actor);
  const { row } = await loadOrder(ctx.db, c.businessId, id);
  if (row.customerId !== c.customerId) throw new NotFoundError('order');
  const actor = workflowActor(c);
  const out = await transitionRecordingStock(ctx, row, req, actor);
  if (out.replayed) ctx.audited = true;
  return { order: await orderWithWorkflow(ctx, out.row, actor), replayed: out.replayed };
}
