import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { stores } from '../db/schema.ts';
import { NotFoundError } from '../lib/errors.ts';

/** A store of this business, or NOT_FOUND: ids from another tenant never resolve. */
export async function storeOfBusiness(db: DbOrTx, businessId: string, storeId: string) {
  const [s] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.businessId, businessId)));
  if (!s) throw new NotFoundError('store');
  return s;
}
