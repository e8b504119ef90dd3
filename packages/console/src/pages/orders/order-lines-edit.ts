import { type Order, type Product, type RouteInput, routes } from '@orderloop/contract';
import { api } from '../../api/client.ts';
import { type OrderDraft, quoteBody } from './order-draft.ts';

type EditBody = NonNullable<RouteInput<typeof routes.editOrder>['body']>;

/** The products of an order's lines, for their option groups and stock; one gone or out of reach is skipped. */
export async function lineProducts(order: Order): Promise<Product[]> {
  const ids = [...new Set(order.lines.map((l) => l.productId))];
  const found = await Promise.all(
    ids.map((id) => api.call(routes.getProduct, { params: { id } }).catch(() => null)),
  );
  return found.filter((p): p is Product => p !== null);
}

/**
 * The PATCH for a lines edit: only what changed from the order as opened, with the version it was
 * opened at. Lines left alone are not sent, so a discount-only edit keeps a manual price someone
 * else set; null when nothing changed.
 */
export function editBody(initial: OrderDraft, draft: OrderDraft, currency: string, version: number) {
  const before = quoteBody(initial, currency);
  const after = quoteBody(draft, currency);
  const body: EditBody = { expectedVersion: version };
  if (JSON.stringify(after.lines) !== JSON.stringify(before.lines)) body.lines = after.lines;
  if (JSON.stringify(after.orderDiscount ?? null) !== JSON.stringify(before.orderDiscount ?? null))
    body.orderDiscount = after.orderDiscount ?? null;
  return body.lines || body.orderDiscount !== undefined ? body : null;
}

/** The approval this save opened, if any: pending now and not the one the order had before. */
export function approvalOpenedBy(before: Order, after: Order) {
  const ap = after.workflow?.approval;
  return ap?.status === 'pending' && ap.id !== before.workflow?.approval?.id ? ap : null;
}
