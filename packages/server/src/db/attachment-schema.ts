import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { businesses } from './schema.ts';

/**
 * A file on an order, a product or a complaint. The parent is a typed reference (no foreign key:
 * the parent's table depends on its type); the attachments module checks it exists in the same
 * business before anything is written. The bytes live in file storage under `storage_key`, a
 * random name: never the client's file name, which is kept only for display.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    parentType: text('parent_type', { enum: ['order', 'product', 'complaint'] }).notNull(),
    parentId: uuid('parent_id').notNull(),
    kind: text('kind', { enum: ['image', 'document'] }).notNull(),
    contentType: text('content_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    originalName: text('original_name').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    thumbnailKey: text('thumbnail_key'),
    width: integer('width'),
    height: integer('height'),
    uploadedByType: text('uploaded_by_type', { enum: ['user', 'customer'] }).notNull(),
    uploadedById: uuid('uploaded_by_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_parent_idx').on(t.parentType, t.parentId, t.createdAt),
    index('attachments_business_idx').on(t.businessId, t.createdAt),
    check('attachments_byte_size_check', sql`${t.byteSize} > 0`),
  ],
);
