import { z } from 'zod';
import { idSchema, phoneSchema, timestampSchema } from './common.ts';
import {
  customerQuoteRequestSchema,
  discountSchema,
  fulfilmentSchema,
  quoteLineSchema,
  quoteRequestSchema,
} from './quote.ts';
import { orderWorkflowSchema } from './workflow.ts';

export const fulfilmentDetailsSchema = z
  .object({
    tableNumber: z.string().trim().min(1).max(20).optional().describe('dine-in: from the table QR code'),
    pickupAt: z.iso.datetime({ offset: true }).optional().describe('pickup: when the customer comes'),
    address: z.string().trim().min(1).max(300).optional().describe('delivery'),
    requestedDate: z.iso.date().optional().describe('B2B shipment: requested delivery date'),
  })
  .default({});

export const contactSchema = z
  .object({ name: z.string().trim().min(1).max(80).optional(), phone: phoneSchema.optional() })
  .default({});

const orderExtras = {
  fulfilmentDetails: fulfilmentDetailsSchema,
  contact: contactSchema,
  notes: z.string().trim().max(2000).nullable().optional(),
  clientTotal: z
    .number()
    .int()
    .optional()
    .describe('What the client showed; never used for pricing, only reported back when it differs'),
};

export const createOrderSchema = quoteRequestSchema.extend({
  ...orderExtras,
  submit: z
    .boolean()
    .default(true)
    .describe('false saves a draft: no stock is reserved until it is submitted'),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  customFields: z
    .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .default({}),
  salesRepId: idSchema.nullable().optional(),
  assignedTo: idSchema.nullable().optional(),
});

export const customerCreateOrderSchema = customerQuoteRequestSchema.extend(orderExtras);

/** A line as stored: the priced quote line (without its availability, settled at submission), plus id, position and the discount asked for. */
export const orderLineSchema = quoteLineSchema.omit({ unavailable: true, stockAvailable: true }).extend({
  id: idSchema,
  lineNo: z.number().int(),
  discount: discountSchema.nullable(),
});

export const orderSchema = z
  .object({
    id: idSchema,
    number: z.string().describe('Human-readable, per store and local day: A-20261122-0042'),
    storeId: idSchema,
    customerId: idSchema.nullable(),
    contact: z.object({ name: z.string().optional(), phone: z.string().optional() }),
    channel: z.enum(['console', 'miniapp', 'erp_import']),
    fulfilment: fulfilmentSchema,
    fulfilmentDetails: z.object({
      tableNumber: z.string().optional(),
      pickupAt: z.string().optional(),
      address: z.string().optional(),
      requestedDate: z.string().optional(),
    }),
    notes: z.string().nullable(),
    state: z.string(),
    version: z.number().int(),
    currency: z.string(),
    taxMode: z.enum(['inclusive', 'exclusive']),
    lines: z.array(orderLineSchema),
    fees: z.array(z.object({ code: z.string(), amount: z.number().int(), tax: z.number().int() })),
    orderDiscount: discountSchema.nullable(),
    subtotal: z.number().int(),
    discount: z.number().int(),
    feesTotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    priceOverridden: z.boolean(),
    paymentStatus: z.enum(['unpaid', 'partially_paid', 'paid', 'refunded']),
    stockReserved: z.boolean(),
    salesRepId: idSchema.nullable(),
    assignedTo: idSchema.nullable(),
    createdBy: idSchema.nullable(),
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    submittedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    workflow: orderWorkflowSchema
      .optional()
      .describe('Where the order stands in its workflow and what the caller may do next (on reads)'),
    editable: z
      .object({
        fields: z.boolean().describe('Notes, tags, assignee, shipping details…'),
        lines: z.boolean().describe('Lines, quantities, discounts and prices (re-priced by the server)'),
      })
      .optional()
      .describe('What the caller may change now with PATCH /api/orders/:id (staff reads)'),
    clientTotalMismatch: z
      .boolean()
      .optional()
      .describe(
        'The client sent a total that differs from the computed one; this order carries the computed one',
      ),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof orderSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const orderSortSchema = z.enum(['createdAt', '-createdAt', 'total', '-total', 'number', '-number']);

export const orderListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Searches order number, contact name and phone, notes'),
  storeId: idSchema.optional(),
  state: csv(z.string().max(40)).optional().describe('Comma-separated states'),
  channel: csv(z.enum(['console', 'miniapp', 'erp_import'])).optional(),
  paymentStatus: csv(z.enum(['unpaid', 'partially_paid', 'paid', 'refunded'])).optional(),
  fulfilment: csv(fulfilmentSchema).optional(),
  customerId: idSchema.optional(),
  salesRepId: idSchema.optional(),
  productId: idSchema.optional().describe('Orders with a line of this product'),
  skuId: idSchema.optional(),
  tag: z.string().trim().max(30).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  totalMin: z.coerce.number().int().optional(),
  totalMax: z.coerce.number().int().optional(),
  sort: orderSortSchema.default('-createdAt'),
});

/** What only the list (not the export or a saved filter) takes. */
export const orderListExtras = z.object({
  withLines: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: each summary carries its first lines (product, variant, quantity), for boards'),
});

export const orderSummaryLineSchema = z.object({
  productName: z.string(),
  skuLabel: z.string(),
  modifiersLabel: z.string(),
  quantity: z.number().int(),
});

export const orderSummarySchema = orderSchema
  .pick({
    id: true,
    number: true,
    storeId: true,
    customerId: true,
    contact: true,
    channel: true,
    fulfilment: true,
    state: true,
    currency: true,
    total: true,
    paymentStatus: true,
    salesRepId: true,
    assignedTo: true,
    tags: true,
    submittedAt: true,
    createdAt: true,
  })
  .extend({
    lineCount: z.number().int(),
    customerName: z.string().nullable(),
    workflowId: idSchema.nullable(),
    stateName: z.string().describe("The state's name in the caller's language (its key without a workflow)"),
    stage: z.string().nullable().describe('Production stage last reported in this state'),
    stateEnteredAt: timestampSchema.nullable(),
    dueAt: timestampSchema.nullable().describe('When the SLA of the current state runs out'),
    overdue: z.boolean(),
    lines: z
      .array(orderSummaryLineSchema)
      .optional()
      .describe('With `withLines=true`: the first 8 lines, in order'),
  })
  .meta({ id: 'OrderSummary' });
export type OrderSummary = z.infer<typeof orderSummarySchema>;
