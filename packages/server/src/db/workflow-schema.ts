import type { WorkflowDefinition } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { complaints } from './complaint-schema.ts';
import { orders } from './order-schema.ts';
import { businesses, users } from './schema.ts';

/** Published workflow versions; never edited in place — an order keeps the version it started on. */
export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<WorkflowDefinition>().notNull(),
    publishedAt: ts('published_at').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('workflows_business_key_version_uq').on(t.businessId, t.key, t.version)],
);

export const orderHistory = pgTable(
  'order_history',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    versionAfter: integer('version_after').notNull(),
    actorType: text('actor_type', { enum: ['user', 'customer', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    comment: text('comment'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('order_history_version_uq').on(t.orderId, t.versionAfter)],
);

/**
 * Domain events in commit order of their ids: what live streams replay from `Last-Event-ID` and
 * what the outbox deliveries hang off.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: uuid('business_id').notNull(),
    storeId: uuid('store_id'),
    orderId: uuid('order_id'),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('events_business_idx').on(t.businessId, t.id)],
);

/** Transactional outbox: one row per delivery, written with the change, worked at least once. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' }),
    channel: text('channel').notNull(),
    target: jsonb('target').$type<Record<string, unknown>>().notNull().default({}),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // skipped: nowhere to deliver (no channel configured, no recipient), recorded, not retried
    status: text('status', { enum: ['pending', 'delivered', 'skipped', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_business_idx').on(t.businessId, t.status, t.createdAt),
    // an order's timeline lists the notices about it
    index('outbox_order_idx').on(sql`(${t.payload} -> 'order' ->> 'orderId')`, t.createdAt),
  ],
);

/** Timers survive restarts; a due one is claimed with SKIP LOCKED so exactly one process fires it. */
export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    // set for a complaint's SLA timer (kind 'complaint_sla'); order_id is then the complaint's order
    complaintId: uuid('complaint_id').references(() => complaints.id, { onDelete: 'cascade' }),
    action: text('action'),
    state: text('state').notNull(),
    stateVersion: integer('state_version').notNull(),
    dueAt: ts('due_at').notNull(),
    status: text('status', { enum: ['pending', 'fired', 'cancelled'] })
      .notNull()
      .default('pending'),
    firedAt: ts('fired_at'),
  },
  (t) => [
    index('timers_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    index('timers_order_idx').on(t.orderId),
  ],
);

export type ApprovalStep = {
  permission: string;
  role?: string;
  mode: 'any' | 'all';
  count: number;
  rule: string;
};

export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    rules: text('rules').array().notNull(),
    steps: jsonb('steps').$type<ApprovalStep[]>().notNull(),
    step: integer('step').notNull().default(0),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'superseded'] })
      .notNull()
      .default('pending'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('approvals_order_idx').on(t.orderId),
    index('approvals_pending_idx').on(t.businessId, t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    id: uuid('id').primaryKey(),
    approvalId: uuid('approval_id')
      .notNull()
      .references(() => approvals.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    onBehalfOf: uuid('on_behalf_of').references(() => users.id),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    comment: text('comment'),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('approval_decisions_uq').on(t.approvalId, t.step, t.userId)],
);
