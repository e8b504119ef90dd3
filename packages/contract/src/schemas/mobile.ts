import { z } from 'zod';
import { idSchema, text, timestampSchema } from './common.ts';
import { stateCategories } from './workflow.ts';

/** A mini-program login: the platform's one-time code (wx.login / my.getAuthCode) for the business. */
export const channelLoginSchema = z.object({
  business: text(60).describe('Business slug'),
  code: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\w.~-]+$/, 'format.loginCode')
    .describe('The code from wx.login or my.getAuthCode; works once'),
});

export const orderReminderSchema = z
  .object({
    id: idSchema,
    number: z.string(),
    state: z.string(),
    stateName: z.string().describe("In the caller's language"),
    category: z.enum(stateCategories),
    reason: z.enum(['overdue', 'rejected', 'cancelled']),
    customerName: z.string().nullable(),
    total: z.number().int(),
    currency: z.string(),
    dueAt: timestampSchema.nullable(),
    since: timestampSchema.describe('When the order entered its current state'),
  })
  .meta({ id: 'OrderReminder' });
export type OrderReminder = z.infer<typeof orderReminderSchema>;

export const messageEvents = ['order_accepted', 'order_ready', 'order_rejected'] as const;
export const messageEventSchema = z.enum(messageEvents);
export type MessageEvent = z.infer<typeof messageEventSchema>;
export const consentAnswerSchema = z.enum(['accept', 'reject']);

export const consentInputSchema = z.object({
  channel: z.enum(['wechat', 'alipay', 'h5']).describe('Where the customer answered'),
  answers: z
    .partialRecord(messageEventSchema, consentAnswerSchema)
    .refine((a) => Object.keys(a).length > 0, { message: 'consent.empty' })
    .describe('What the customer said for each kind of message'),
});

export const consentSchema = z.object({
  items: z.array(
    z.object({
      event: messageEventSchema,
      status: consentAnswerSchema,
      channel: z.enum(['wechat', 'alipay', 'h5']),
      grants: z
        .number()
        .int()
        .describe('WeChat one-time grants not yet used (each consent allows one message)'),
      updatedAt: timestampSchema,
    }),
  ),
});
export type Consent = z.infer<typeof consentSchema>;
