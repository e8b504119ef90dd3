import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { businesses, stores } from './schema.ts';

type Fulfilment = 'dine_in' | 'pickup' | 'delivery' | 'shipment';

/** A store's customer-facing settings; a store without a row shows derived defaults. */
export const storefronts = pgTable('storefronts', {
  storeId: uuid('store_id')
    .primaryKey()
    .references(() => stores.id, { onDelete: 'cascade' }),
  businessId: uuid('business_id')
    .notNull()
    .references(() => businesses.id),
  announcement: text('announcement'),
  fulfilments: text('fulfilments').array().$type<Fulfilment[]>(),
  // the table numbers of the store's dine-in QR codes; null: any table number is accepted
  tables: text('tables').array(),
  updatedAt: ts('updated_at').notNull(),
});
