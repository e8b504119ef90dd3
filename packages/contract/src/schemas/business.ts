import { z } from 'zod';
import { idSchema, patchOf, phoneSchema, text, timestampSchema } from './common.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format.time');
export const openingHoursSchema = z
  .array(z.object({ day: z.number().int().min(0).max(6).describe('0 = Sunday'), open: hhmm, close: hhmm }))
  .max(28);

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'format.timezone' },
);

export const storeSchema = z
  .object({
    id: idSchema,
    code: z.string(),
    name: z.string(),
    timezone: z.string(),
    currency: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    openingHours: openingHoursSchema,
    active: z.boolean(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Store' });
export type Store = z.infer<typeof storeSchema>;
export const createStoreSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{0,5}$/, 'format.storeCode'),
  name: text(80),
  timezone: timezoneSchema.default('Asia/Shanghai'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'format.currency')
    .default('CNY'),
  address: text(200).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  openingHours: openingHoursSchema.default([]),
});
export const updateStoreSchema = patchOf(
  createStoreSchema.omit({ code: true }).extend({ active: z.boolean() }),
);

export const customerKindSchema = z.enum(['person', 'account']);
export const channelSchema = z.enum(['wechat', 'alipay', 'h5']);

export const customerSchema = z
  .object({
    id: idSchema,
    kind: customerKindSchema.describe('`person`: a mini-program customer; `account`: a B2B account'),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    contactName: z.string().nullable(),
    storeId: idSchema.nullable(),
    salesRepId: idSchema.nullable(),
    salesRepName: z.string().nullable(),
    priceListId: idSchema.nullable(),
    identities: z.array(z.object({ channel: channelSchema, subject: z.string() })),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;
export const createCustomerSchema = z.object({
  kind: customerKindSchema.default('account'),
  name: text(120),
  phone: phoneSchema.nullable().optional(),
  contactName: text(80).nullable().optional(),
  storeId: idSchema.nullable().optional(),
  salesRepId: idSchema.nullable().optional(),
  priceListId: idSchema.nullable().optional(),
});
export const updateCustomerSchema = patchOf(createCustomerSchema.omit({ kind: true }));
export const customerListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: customerKindSchema.optional(),
  storeId: idSchema.optional(),
});

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestampSchema,
    actorType: z.enum(['user', 'customer', 'system']),
    actorId: idSchema.nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    storeId: idSchema.nullable(),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditQuery = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: idSchema.optional(),
  action: z.string().max(60).optional(),
});

export const healthSchema = z.object({ status: z.literal('ok') });
export const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.object({
    ok: z.boolean(),
    driver: z.enum(['pglite', 'postgres']),
    error: z.string().optional(),
  }),
  migrations: z.object({ ok: z.boolean(), applied: z.number().int(), expected: z.number().int() }),
});
