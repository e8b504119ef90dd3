import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.ts';

export const businesses = pgTable('businesses', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['restaurant', 'b2b'] }).notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

export const stores = pgTable(
  'stores',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    address: text('address'),
    phone: text('phone'),
    openingHours: jsonb('opening_hours')
      .$type<{ day: number; open: string; close: string }[]>()
      .notNull()
      .default([]),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stores_business_code_uq').on(t.businessId, t.code)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    username: text('username').notNull(),
    phone: text('phone'),
    /** Where email notifications go; none, none sent. */
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en', 'ja'] })
      .notNull()
      .default('zh-CN'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    uniqueIndex('users_phone_uq').on(t.phone),
    index('users_business_idx').on(t.businessId, t.username),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull(),
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('roles_business_key_uq').on(t.businessId, t.key)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    scope: text('scope', { enum: ['own', 'store', 'all'] }).notNull(),
    storeId: uuid('store_id').references(() => stores.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    index('role_grants_role_idx').on(t.roleId),
    index('role_grants_store_idx').on(t.storeId),
    check('role_grants_store_ck', sql`${t.scope} <> 'store' OR ${t.storeId} IS NOT NULL`),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    kind: text('kind', { enum: ['person', 'account'] }).notNull(),
    name: text('name'),
    phone: text('phone'),
    contactName: text('contact_name'),
    storeId: uuid('store_id').references(() => stores.id),
    salesRepId: uuid('sales_rep_id').references(() => users.id),
    priceListId: uuid('price_list_id'),
    locale: text('locale', { enum: ['zh-CN', 'en', 'ja'] })
      .notNull()
      .default('zh-CN'),
    createdAt: createdAt(),
  },
  (t) => [
    index('customers_business_created_idx').on(t.businessId, t.createdAt, t.id),
    index('customers_store_idx').on(t.businessId, t.storeId),
    index('customers_rep_idx').on(t.businessId, t.salesRepId),
    index('customers_phone_idx').on(t.businessId, t.phone),
  ],
);

export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['wechat', 'alipay', 'h5'] }).notNull(),
    subject: text('subject').notNull(),
    unionId: text('union_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customer_identities_subject_uq').on(t.businessId, t.channel, t.subject),
    index('customer_identities_customer_idx').on(t.customerId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the token: a stolen database copy holds no usable tokens
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['cookie', 'token'] }).notNull(),
    csrfToken: text('csrf_token'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    absoluteExpiresAt: ts('absolute_expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_customer_idx').on(t.customerId)],
);

export const loginCodes = pgTable(
  'login_codes',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('login_codes_phone_idx').on(t.businessId, t.phone, t.createdAt)],
);

export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: ts('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    businessId: uuid('business_id').references(() => businesses.id),
    at: ts('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'customer', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    storeId: uuid('store_id'),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_entity_idx').on(t.businessId, t.entityType, t.entityId, t.id),
    index('audit_actor_idx').on(t.businessId, t.actorId, t.id),
    index('audit_business_idx').on(t.businessId, t.id),
  ],
);

// payments live in their own file; exported here so the schema (and drizzle-kit) see them
export * from './payment-schema.ts';
