import type { createOrderSchema, customerCreateOrderSchema, Order } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  assertInScope,
  assertStoreAccess,
  effectiveScope,
  requireCustomer,
  requirePermission,
} from '../access/access.ts';
import { customers } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { claimIdempotency, requestHash } from '../lib/idempotency.ts';
import { assertOverrideAllowed } from '../pricing/override.ts';
import { assertOrderingMode } from '../storefront/ordering-mode.ts';
import { storeOfBusiness } from '../stores/lookup.ts';
import { assertUsersOfBusiness } from './edit.ts';
import { placeOrder } from './place.ts';

export type Created = { order: Order; replayed: boolean };

export async function createStaffOrder(
  ctx: Ctx,
  input: z.output<typeof createOrderSchema>,
  key: string | undefined,
): Promise<Created> {
  const scope = requirePermission(ctx.actor, 'orders.create');
  const actor = scope.actor;
  const store = await storeOfBusiness(ctx.db, actor.businessId, input.storeId);
  assertStoreAccess(scope, store.id);
  assertOverrideAllowed(scope, input);

  let customer: typeof customers.$inferSelect | undefined;
  if (input.customerId) {
    [customer] = await ctx.db
      .select()
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.businessId, actor.businessId)));
    if (!customer) throw new NotFoundError('customer');
    // an order may only be entered for a customer the author can see
    const sees = effectiveScope(actor, 'customers.read');
    if (!sees)
      throw new ForbiddenError({ key: 'forbidden.permission', vars: { permission: 'customers.read' } });
    assertInScope(sees, { storeId: customer.storeId, ownerIds: [customer.salesRepId] });
  }
  await assertUsersOfBusiness(ctx.db, actor.businessId, [input.salesRepId, input.assignedTo]);
  // a sales rep's orders are theirs; others may name the rep, or inherit the account's
  const ownOnly = !scope.all && !scope.storeIds.length;
  const salesRepId = ownOnly ? actor.userId : (input.salesRepId ?? customer?.salesRepId ?? null);

  const outcome = await claimIdempotency<Order>(ctx.db, {
    owner: `user:${actor.userId}`,
    key,
    required: false,
    hash: requestHash('createOrder', input),
    now: ctx.clock.now(),
  });
  if (outcome.kind === 'replay') return { order: outcome.body, replayed: true };
  const order = await placeOrder(ctx, {
    store,
    customerId: customer?.id ?? null,
    channel: 'console',
    submit: input.submit,
    quote: input,
    fields: {
      contact: {
        name: input.contact.name ?? customer?.contactName ?? customer?.name ?? undefined,
        phone: input.contact.phone ?? customer?.phone ?? undefined,
      },
      fulfilmentDetails: input.fulfilmentDetails,
      notes: input.notes ?? null,
      tags: input.tags,
      customFields: input.customFields,
      salesRepId,
      assignedTo: input.assignedTo ?? null,
      createdBy: actor.userId,
    },
    clientTotal: input.clientTotal,
    claim: outcome.claim,
  });
  return { order, replayed: false };
}

export async function createCustomerOrder(
  ctx: Ctx,
  input: z.output<typeof customerCreateOrderSchema>,
  key: string | undefined,
): Promise<Created> {
  const actor = requireCustomer(ctx.actor);
  const store = await storeOfBusiness(ctx.db, actor.businessId, input.storeId);
  await assertOrderingMode(ctx, ctx.db, store, input.fulfilment, input.fulfilmentDetails);
  const outcome = await claimIdempotency<Order>(ctx.db, {
    owner: `customer:${actor.customerId}`,
    key,
    required: true,
    hash: requestHash('customerCreateOrder', input),
    now: ctx.clock.now(),
  });
  if (outcome.kind === 'replay') return { order: outcome.body, replayed: true };
  const [me] = await ctx.db.select().from(customers).where(eq(customers.id, actor.customerId));
  const order = await placeOrder(ctx, {
    store,
    customerId: actor.customerId,
    channel: 'miniapp',
    submit: true,
    quote: { ...input, customerId: actor.customerId },
    fields: {
      contact: {
        name: input.contact.name ?? me?.name ?? undefined,
        phone: input.contact.phone ?? me?.phone ?? undefined,
      },
      fulfilmentDetails: input.fulfilmentDetails,
      notes: input.notes ?? null,
      tags: [],
      customFields: {},
      salesRepId: me?.salesRepId ?? null,
      assignedTo: null,
      createdBy: null,
    },
    clientTotal: input.clientTotal,
    claim: outcome.claim,
  });
  return { order, replayed: false };
}
