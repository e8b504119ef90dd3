import { type BatchResult, type batchRequestSchema, orderListQuery, translate } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveScope, inScope, requirePermission } from '../access/access.ts';
import { orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { workflowActor } from '../workflow/actor.ts';
import { runTransition } from '../workflow/engine.ts';
import { applyEdit, assertUsersOfBusiness, type OrderEdit } from './edit.ts';
import { listOrders } from './list.ts';
import { orderOwnership } from './read.ts';

type Batch = z.output<typeof batchRequestSchema>;
const MAX_MATCHES = 5000;

/** The orders a filter matches within the caller's read scope, in pages, up to the batch limit. */
async function idsMatching(ctx: Ctx, filter: NonNullable<Batch['filter']>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const q = orderListQuery.parse({ ...filter });
    const page = await listOrders(ctx, { ...q, cursor, limit: 200 });
    ids.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < MAX_MATCHES);
  return ids.slice(0, MAX_MATCHES);
}

/**
 * One operation over many orders. Each order is its own transaction, checked like a single request
 * (scope, the state's editability, the transition's permission and guards), so each either changes
 * completely or not at all, and the answer says which did and why each other one did not.
 */
export async function batchOrders(ctx: Ctx, body: Batch): Promise<BatchResult> {
  const scope = requirePermission(ctx.actor, 'orders.batch');
  const actor = scope.actor;
  const op = body.operation;
  if (op.type === 'assign') await assertUsersOfBusiness(ctx.db, actor.businessId, [op.userId]);
  const editScope = effectiveScope(actor, 'orders.edit');
  const ids = body.ids ? [...new Set(body.ids)] : await idsMatching(ctx, body.filter!);

  const results: BatchResult['results'] = [];
  for (const id of ids) {
    let number: string | null = null;
    try {
      const row = await ctx.db.transaction(async (tx) => {
        const [o] = await tx
          .select()
          .from(orders)
          .where(and(eq(orders.id, id), eq(orders.businessId, actor.businessId)))
          .for('update');
        if (!o) throw new NotFoundError('order');
        number = o.number;
        if (!inScope(scope, orderOwnership(o))) throw new NotFoundError('order');
        if (op.type === 'transition')
          return (
            await runTransition(
              tx,
              ctx,
              id,
              { action: op.action, comment: op.comment, input: op.input },
              workflowActor(actor),
            )
          ).row;
        if (!editScope || !inScope(editScope, orderOwnership(o)))
          throw new ForbiddenError({ key: 'forbidden.permission', vars: { permission: 'orders.edit' } });
        const edit: OrderEdit =
          op.type === 'assign'
            ? { assignedTo: op.userId }
            : op.type === 'tags'
              ? { tags: [...new Set([...o.tags.filter((t) => !op.remove.includes(t)), ...op.add])] }
              : op.type === 'requested_date'
                ? { fulfilmentDetails: { ...o.fulfilmentDetails, requestedDate: op.date } }
                : {
                    customFields: {
                      ...(o.customFields as Record<string, string | number | boolean | null>),
                      ...op.values,
                    },
                  };
        return applyEdit(tx, ctx, editScope, id, edit);
      });
      results.push({ id, number, ok: true, code: null, message: null, version: row.version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({
        id,
        number,
        ok: false,
        code: err.code,
        message: translate(ctx.locale, err.detail.key, err.detail.vars),
        version: null,
      });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  // nothing changed, so there is nothing to audit; each change above audited itself
  if (!succeeded) ctx.audited = true;
  return { succeeded, failed: results.length - succeeded, results };
}
