import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.ts';
import { businesses, roles, users } from './schema.ts';

/**
 * A background export of the orders matching a filter. Worked by the in-process runner
 * (order-export/runner.ts): claimed with a conditional UPDATE, so of several processes exactly one
 * runs it; the claim carries a lease the runner renews, and a job whose lease ran out (its process
 * died) is claimed again.
 */
export const orderExportJobs = pgTable(
  'order_export_jobs',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'expired'] }).notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    granularity: text('granularity', { enum: ['orders', 'lines'] }).notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    sort: text('sort').notNull(),
    columns: text('columns').array().notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en', 'ja'] }).notNull(),
    rowCount: integer('row_count'),
    /** Relative to the server's data folder. */
    filePath: text('file_path'),
    filename: text('filename'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    claimToken: text('claim_token'),
    leaseUntil: ts('lease_until'),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    expiresAt: ts('expires_at'),
  },
  (t) => [
    index('order_export_jobs_user_idx').on(t.userId, t.createdAt),
    index('order_export_jobs_status_idx').on(t.status, t.createdAt),
  ],
);

/** A named order-list filter with its columns and sort; the owner may share it, read-only, with a role. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    columns: text('columns').array().notNull(),
    sort: text('sort').notNull(),
    sharedRoleId: uuid('shared_role_id').references(() => roles.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('saved_views_owner_name_uq').on(t.ownerId, t.name),
    index('saved_views_role_idx').on(t.sharedRoleId),
  ],
);
