import type { AttachmentParentType, Permission } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { Ownership } from '../access/access.ts';
import { products } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { orderOwnership } from '../orders/read.ts';

/** What the attachment rules need to know of one parent record. */
export type ParentRecord = {
  /** For the audit entry (store-scoped audit readers see it), null for business-wide records. */
  storeId: string | null;
  /** The record's data-scope ownership; null when the permission alone decides (the catalog). */
  ownership: Ownership | null;
  /** The customer who may see the record's attachments from the mini-program, if any. */
  customerId: string | null;
};

/**
 * How to find one kind of parent and who may touch its attachments. Staff need `read` (in scope)
 * to list and fetch, and `write` as well (in scope) to upload and to remove others' files; a
 * customer only ever sees the attachments of a record whose `customerId` is theirs.
 */
export type ParentResolver = {
  /** Names the record in a 404 ("No such order."). */
  entity: string;
  read: Permission;
  write: Permission;
  /** The record within the business, or null when there is none. */
  load: (db: DbOrTx, businessId: string, id: string) => Promise<ParentRecord | null>;
};

const resolvers = new Map<AttachmentParentType, ParentResolver>();

/** Makes a kind of record able to carry attachments; the complaints module registers 'complaint'. */
export function registerAttachmentParent(type: AttachmentParentType, resolver: ParentResolver): void {
  resolvers.set(type, resolver);
}

export function resolverFor(type: AttachmentParentType): ParentResolver {
  const r = resolvers.get(type);
  if (!r) throw new Error(`no attachment parent resolver registered for "${type}"`);
  return r;
}

registerAttachmentParent('order', {
  entity: 'order',
  read: 'orders.read',
  write: 'orders.attach',
  load: async (db, businessId, id) => {
    const [o] = await db
      .select({
        storeId: orders.storeId,
        salesRepId: orders.salesRepId,
        createdBy: orders.createdBy,
        customerId: orders.customerId,
      })
      .from(orders)
      .where(and(eq(orders.id, id), eq(orders.businessId, businessId)));
    return o ? { storeId: o.storeId, ownership: orderOwnership(o), customerId: o.customerId } : null;
  },
});

registerAttachmentParent('product', {
  entity: 'product',
  read: 'catalog.read',
  write: 'catalog.write',
  load: async (db, businessId, id) => {
    const [p] = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, id), eq(products.businessId, businessId)));
    return p ? { storeId: null, ownership: null, customerId: null } : null;
  },
});
