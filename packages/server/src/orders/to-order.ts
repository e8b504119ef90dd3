import type { Order } from '@orderloop/contract';
import type { orderLines, orders } from '../db/order-schema.ts';

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

export function toOrder(o: OrderRow, lines: LineRow[]): Order {
  return {
    id: o.id,
    number: o.number,
    storeId: o.storeId,
    customerId: o.customerId,
    contact: o.contact,
    channel: o.channel,
    fulfilment: o.fulfilment,
    fulfilmentDetails: o.fulfilmentDetails,
    notes: o.notes,
    state: o.state,
    version: o.version,
    currency: o.currency,
    taxMode: o.taxMode,
    lines: lines.sort((a, b) => a.lineNo - b.lineNo).map(({ orderId: _, ...l }) => l),
    fees: o.fees,
    orderDiscount: o.orderDiscount,
    subtotal: o.subtotal,
    discount: o.discount,
    feesTotal: o.feesTotal,
    tax: o.tax,
    total: o.total,
    priceOverridden: o.priceOverridden,
    paymentStatus: o.paymentStatus,
    stockReserved: o.stockReserved,
    salesRepId: o.salesRepId,
    assignedTo: o.assignedTo,
    createdBy: o.createdBy,
    tags: o.tags,
    customFields: o.customFields,
    submittedAt: o.submittedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
