import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';

export const complaintKinds = ['complaint', 'return', 'refund'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];
export const complaintStates = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ComplaintState = (typeof complaintStates)[number];
export const complaintActions = ['start', 'resolve', 'close', 'reopen'] as const;
export type ComplaintAction = (typeof complaintActions)[number];
export const complaintVisibilities = ['customer', 'internal'] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(10));

const description = z.string().trim().min(1).max(2000);
const expectedVersion = z
  .number()
  .int()
  .min(1)
  .describe('The complaint version the caller saw; another one is a 409 VERSION_CONFLICT');

export const fileComplaintSchema = z.strictObject({
  kind: z.enum(complaintKinds),
  description,
});

export const complaintTransitionSchema = z.strictObject({
  action: z.enum(complaintActions),
  expectedVersion,
  comment: z.string().trim().max(1000).optional().describe('Required to resolve: what was done'),
});

export const complaintAssignSchema = z.strictObject({
  assigneeId: idSchema
    .nullable()
    .describe('A staff user holding complaints.handle for the store; null unassigns'),
  expectedVersion,
});

export const complaintResponseSchema = z.strictObject({
  body: description,
  visibility: z
    .enum(complaintVisibilities)
    .describe('`customer`: the customer sees it; `internal`: staff only'),
  expectedVersion: expectedVersion.optional(),
});

/** A customer's follow-up on their own complaint: always visible to both sides. */
export const customerComplaintCommentSchema = z.strictObject({
  body: description,
  expectedVersion: expectedVersion.optional(),
});

export const refundDecisionRequestSchema = z.strictObject({
  amount: z
    .number()
    .int()
    .min(1)
    .describe("Minor units; at most the order's total minus earlier refund decisions"),
  note: z.string().trim().max(1000).optional(),
  expectedVersion,
});

export const complaintListQuery = z.object({
  state: csv(z.enum(complaintStates)).optional().describe('Comma-separated states'),
  kind: csv(z.enum(complaintKinds)).optional(),
  storeId: idSchema.optional(),
  assigneeId: z
    .union([idSchema, z.literal('none')])
    .optional()
    .describe('A user id, or `none`'),
  orderId: idSchema.optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only those past their SLA (or only those not)'),
});

export const complaintSettingsSchema = z.strictObject({
  openMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .describe('First response: how long a complaint may stay open'),
  inProgressMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 90)
    .describe('How long it may stay in progress before it is resolved'),
});
export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;
export const defaultComplaintSettings: ComplaintSettings = { openMinutes: 240, inProgressMinutes: 2880 };

const actorRef = z.object({
  type: z.enum(['user', 'customer', 'system']),
  id: idSchema.nullable(),
  name: z.string().nullable(),
});

export const complaintSummarySchema = z.object({
  id: idSchema,
  orderId: idSchema,
  orderNumber: z.string(),
  storeId: idSchema,
  customerId: idSchema.nullable(),
  customerName: z.string().nullable(),
  kind: z.enum(complaintKinds),
  state: z.enum(complaintStates),
  description: z.string(),
  assigneeId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  version: z.number().int(),
  dueAt: timestampSchema.nullable(),
  overdue: z.boolean().describe('Past its SLA in the current state'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;

export const complaintEntrySchema = z.object({
  id: idSchema,
  type: z.enum(['filed', 'transition', 'assigned', 'response', 'refund_decided', 'overdue']),
  visibility: z.enum(complaintVisibilities),
  actor: actorRef,
  fromState: z.enum(complaintStates).nullable(),
  toState: z.enum(complaintStates).nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: timestampSchema,
});
export type ComplaintEntry = z.infer<typeof complaintEntrySchema>;

export const refundDecisionSchema = z.object({
  id: idSchema,
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['decided', 'refunded', 'failed']),
  note: z.string().nullable(),
  decidedBy: idSchema,
  decidedAt: timestampSchema,
});

export const complaintSchema = complaintSummarySchema.extend({
  filedBy: actorRef,
  orderTotal: z.number().int(),
  currency: z.string(),
  refundable: z
    .number()
    .int()
    .describe('What is left to refund on the order: its total minus refund decisions'),
  stateEnteredAt: timestampSchema,
  firstResponseAt: timestampSchema.nullable(),
  resolvedAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  history: z.array(complaintEntrySchema),
  refunds: z.array(refundDecisionSchema),
  actions: z.array(z.enum(complaintActions)).describe('The transitions the caller may take now'),
  canAssign: z.boolean(),
  canRespond: z.boolean(),
  canDecideRefund: z.boolean(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const orderComplaintsSchema = z.object({
  items: z.array(complaintSummarySchema),
  openCount: z.number().int().describe('Open or in progress'),
});

export const complaintAssigneesSchema = z.object({
  items: z.array(z.object({ id: idSchema, displayName: z.string() })),
});
