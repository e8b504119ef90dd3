import { routes } from '@orderloop/contract';
import { assertStoreAccess, requireCustomer, requirePermission } from '../access/access.ts';
import type { Ctx } from '../http/context.ts';
import { type Endpoint, endpoint } from '../http/register.ts';
import { storeOfBusiness } from '../stores/lookup.ts';
import { assertOverrideAllowed } from './override.ts';
import { buildQuote, type QuoteInput } from './quote.ts';

export async function staffQuote(ctx: Ctx, input: QuoteInput) {
  const scope = requirePermission(ctx.actor, 'orders.create');
  const store = await storeOfBusiness(ctx.db, scope.actor.businessId, input.storeId);
  assertStoreAccess(scope, store.id);
  assertOverrideAllowed(scope, input);
  return buildQuote(ctx.db, store, input.customerId ?? null, input, ctx.clock.now());
}

export const quoteEndpoints: Endpoint[] = [
  endpoint(routes.quote, (ctx, { body }) => staffQuote(ctx, body)),
  endpoint(routes.customerQuote, async (ctx, { body }) => {
    const actor = requireCustomer(ctx.actor);
    const store = await storeOfBusiness(ctx.db, actor.businessId, body.storeId);
    return buildQuote(ctx.db, store, actor.customerId, body, ctx.clock.now());
  }),
];
