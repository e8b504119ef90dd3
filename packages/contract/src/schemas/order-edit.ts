import { z } from 'zod';
import { idSchema } from './common.ts';
import { contactSchema, fulfilmentDetailsSchema, orderListQuery } from './orders.ts';
import { discountSchema, quoteRequestSchema } from './quote.ts';
import { transitionRequestSchema } from './workflow.ts';

const tags = z.array(z.string().trim().min(1).max(30)).max(20);
const customFields = z.record(
  z.string().max(40),
  z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
);

/**
 * An edit after entry: only what is sent changes. Lines replace the order's lines and are priced
 * again on the server; reservations follow. Allowed only in states the workflow marks editable.
 */
export const editOrderSchema = z.strictObject({
  expectedVersion: z.number().int().min(1).describe('The version the editor saw; another one is a conflict'),
  lines: quoteRequestSchema.shape.lines.optional(),
  orderDiscount: discountSchema.nullable().optional(),
  fulfilmentDetails: fulfilmentDetailsSchema.unwrap().optional(),
  contact: contactSchema.unwrap().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  tags: tags.optional(),
  customFields: customFields.optional(),
  assignedTo: idSchema.nullable().optional(),
  salesRepId: idSchema.nullable().optional(),
});

export const batchOperationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), userId: idSchema.nullable() }),
  z.object({ type: z.literal('tags'), add: tags.default([]), remove: tags.default([]) }),
  z.object({ type: z.literal('requested_date'), date: z.iso.date() }),
  z.object({ type: z.literal('custom_fields'), values: customFields }),
  z.object({
    type: z.literal('transition'),
    ...transitionRequestSchema.omit({ expectedVersion: true }).shape,
  }),
]);
export type BatchOperation = z.infer<typeof batchOperationSchema>;

export const batchRequestSchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional().describe('A selection'),
    filter: orderListQuery
      .partial()
      .optional()
      .describe('Or: every order matching the list filter (up to 5,000)'),
    operation: batchOperationSchema,
  })
  .refine((b) => !!b.ids !== !!b.filter, { message: 'batch.selection', path: ['ids'] });

export const batchResultSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      id: idSchema,
      number: z.string().nullable(),
      ok: z.boolean(),
      code: z.string().nullable().describe('Stable error code when it failed'),
      message: z.string().nullable(),
      version: z.number().int().nullable(),
    }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
