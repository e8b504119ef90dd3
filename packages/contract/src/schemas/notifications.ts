import { z } from 'zod';
import { locales } from '../i18n.ts';
import { cursorQuery, idSchema, patchOf, text, timestampSchema } from './common.ts';
import { notifyChannels, notifyTargets } from './workflow.ts';

const eventKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'format.key')
  .describe('Template key of a notice, e.g. `new_order`, `order_ready`, `approval_requested`');

/** One notice in a user's notification centre. */
export const notificationSchema = z
  .object({
    id: idSchema,
    event: z.string(),
    title: z.string(),
    body: z.string(),
    orderId: idSchema.nullable(),
    link: z.string().nullable(),
    readAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = cursorQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('`true`: only notices not read yet'),
});
export const unreadCountSchema = z.object({ count: z.number().int() });
export const markedReadSchema = z.object({ count: z.number().int().describe('Notices marked read now') });

/** An outgoing webhook endpoint of the business. The secret is shown once, when it is set. */
export const webhookSchema = z
  .object({
    id: idSchema,
    url: z.string(),
    events: z.array(z.string()).describe('Template keys it receives; empty: every event'),
    description: z.string().nullable(),
    enabled: z.boolean(),
    secretHint: z.string().describe('Last characters of the signing secret'),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'WebhookEndpoint' });
export type Webhook = z.infer<typeof webhookSchema>;
export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().nullable().describe('The signing secret: returned when created or rotated, never again'),
});

const webhookUrl = z
  .url({ protocol: /^https?$/, normalize: true })
  .max(500)
  .describe('http(s) URL the events are POSTed to');
export const createWebhookSchema = z.object({
  url: webhookUrl,
  secret: z.string().min(16).max(200).optional().describe('HMAC-SHA256 key; generated when left out'),
  events: z.array(eventKey).max(50).default([]),
  description: text(200).nullable().optional(),
  enabled: z.boolean().default(true),
});
export const updateWebhookSchema = patchOf(
  createWebhookSchema.omit({ secret: true }).extend({
    rotateSecret: z.boolean().describe('Replace the secret with a new generated one'),
  }),
);

/**
 * Who is told of what, per business (businesses.settings.notifications). For each template key an
 * override of the workflow definition's notify effect: `enabled: false` silences it, `to` replaces
 * its recipients, `channels` replaces its channels. Keys without an entry follow the definition.
 */
/** What an order notice's words may refer to; anything else in braces would reach people as-is. */
export const noticeVariables = ['number', 'customer', 'state', 'amount', 'store', 'link'] as const;
const placeholdersOf = (s: string) => [...s.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
const noticeText = (max: number) =>
  text(max).refine(
    (s) => placeholdersOf(s).every((p) => (noticeVariables as readonly string[]).includes(p)),
    {
      message: 'notify.placeholder',
    },
  );
/** A business's own words for one notice in one language, replacing the built-in template. */
export const noticeTextSchema = z.strictObject({ title: noticeText(120), body: noticeText(1000) });
export type NoticeText = z.infer<typeof noticeTextSchema>;

export const notificationRuleSchema = z.strictObject({
  enabled: z.boolean().default(true),
  to: z.array(z.enum(notifyTargets)).min(1).optional(),
  channels: z.array(z.enum(notifyChannels)).min(1).optional(),
  texts: z
    .partialRecord(z.enum(locales), noticeTextSchema)
    .optional()
    .describe('Own title and body per language; languages left out use the built-in template'),
});
export const notificationSettingsSchema = z
  .strictObject({ events: z.record(eventKey, notificationRuleSchema).default({}) })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** A notice text as the templates write it, in the request language, with its `{placeholders}`. */
export const notificationTemplateSchema = z.object({
  event: z.string().describe('Template key; `default` is used for events without their own'),
  title: z.string(),
  body: z.string(),
  builtIn: z
    .record(z.enum(locales), z.object({ title: z.string(), body: z.string() }))
    .describe('The built-in words in every language, the starting point of a business’s own'),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;

export const deliveryStatuses = ['pending', 'delivered', 'skipped', 'dead'] as const;

/** One outbox row: a side effect leaving the process, as the console's delivery log shows it. */
export const deliverySchema = z
  .object({
    id: idSchema.describe('Also the receiver’s deduplication key (X-Orderloop-Delivery)'),
    channel: z.string(),
    event: z.string().nullable(),
    eventId: z.number().int().nullable(),
    orderId: idSchema.nullable(),
    orderNumber: z.string().nullable(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: timestampSchema,
    lastError: z.string().nullable(),
    createdAt: timestampSchema,
    deliveredAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveryListQuery = cursorQuery.extend({
  status: z.enum(deliveryStatuses).optional().describe('`dead`: the dead letters'),
  channel: z.string().max(40).optional(),
});

/** What one server-sent event carries (its SSE `id:` is `id`, its `event:` is `type`). */
export const liveEventSchema = z
  .object({
    id: z.number().int(),
    type: z.string().describe('order.submitted, order.transitioned, order.overdue, approval.requested…'),
    orderId: idSchema.nullable(),
    storeId: idSchema.nullable(),
    at: timestampSchema,
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'LiveEvent' });
export type LiveEvent = z.infer<typeof liveEventSchema>;
export const eventStreamQuery = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, 'format.eventId')
    .optional()
    .describe('Resume after this event id (what the Last-Event-ID header carries on reconnect)'),
});
