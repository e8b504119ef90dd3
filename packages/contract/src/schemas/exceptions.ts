import { z } from 'zod';
import { cursorQuery, idSchema, text, timestampSchema } from './common.ts';

/**
 * Exceptions: whatever in the loop needs a person — overdue orders, rejections, refused submissions,
 * failed deliveries — listed together. Each kind comes from its own source on the server.
 */
export const exceptionKinds = [
  'overdue',
  'rejected',
  'out_of_stock_at_submission',
  'payment_mismatch',
  'erp_push_failed',
  'notification_failed',
  'complaint_open',
] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

export const exceptionSchema = z
  .object({
    id: z.string().describe('`kind:sourceId`, stable for as long as the exception stands'),
    kind: z.enum(exceptionKinds),
    severity: z
      .enum(['normal', 'escalated'])
      .describe('`escalated`: overdue past the state’s second threshold (escalateAfterMinutes)'),
    since: timestampSchema.describe('When it began: the missed due time, the rejection, the refusal…'),
    ageMinutes: z.number().int().describe('Minutes since `since`'),
    lateMinutes: z.number().int().nullable().describe('Overdue: minutes past the due time'),
    storeId: idSchema.nullable(),
    storeName: z.string().nullable(),
    order: z
      .object({ id: idSchema, number: z.string(), state: z.string(), stateName: z.string() })
      .nullable(),
    owner: z
      .object({
        userId: idSchema.nullable().describe('The assignee (or, for a rejection, the sales rep / creator)'),
        name: z.string().nullable(),
        roles: z.array(z.string()).describe('Roles that may take the next step out of the state'),
      })
      .describe('Who is expected to act'),
    detail: z.string().describe("A line of explanation in the caller's language"),
    data: z.record(z.string(), z.unknown()).describe('Kind-specific facts (SKUs, channel, error…)'),
    incident: z
      .object({
        id: idSchema,
        status: z.enum(['open', 'acknowledged', 'resolved']),
        note: z.string().nullable(),
        acknowledgedAt: timestampSchema.nullable(),
      })
      .nullable()
      .describe('For incident rows (refused submissions, payment mismatches): their handling'),
  })
  .meta({ id: 'OrderException' });
export type OrderException = z.infer<typeof exceptionSchema>;

const kindList = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const parts = s.split(',').filter(Boolean);
    for (const p of parts)
      if (!(exceptionKinds as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `unknown kind ${p}` });
        return z.NEVER;
      }
    return parts as ExceptionKind[];
  })
  .describe(`Comma-separated kinds: ${exceptionKinds.join(', ')}`);

export const exceptionListQuery = cursorQuery.extend({
  kind: kindList.optional(),
  storeId: idSchema.optional(),
});

export const exceptionCountsSchema = z
  .object(
    Object.fromEntries(exceptionKinds.map((k) => [k, z.number().int()])) as {
      [K in ExceptionKind]: z.ZodNumber;
    },
  )
  .describe('Open exceptions per kind, in the caller’s scope (and store filter)');
export type ExceptionCounts = z.infer<typeof exceptionCountsSchema>;

export const exceptionPageSchema = z.object({
  items: z.array(exceptionSchema),
  nextCursor: z.string().nullable(),
  counts: exceptionCountsSchema,
});

export const exceptionSummaryQuery = z.object({ storeId: idSchema.optional() });
export const exceptionSummarySchema = z.object({ counts: exceptionCountsSchema, total: z.number().int() });

export const incidentUpdateSchema = z.object({
  status: z.enum(['acknowledged', 'resolved']),
  note: text(500).optional(),
});

export const incidentSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['out_of_stock_at_submission', 'payment_mismatch']),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    storeId: idSchema.nullable(),
    orderId: idSchema.nullable(),
    details: z.record(z.string(), z.unknown()),
    note: z.string().nullable(),
    createdAt: timestampSchema,
    acknowledgedAt: timestampSchema.nullable(),
    resolvedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'OrderIncident' });

/** An approver's stand-in while they are away. */
export const delegationSchema = z
  .object({
    id: idSchema,
    delegatorId: idSchema,
    delegatorName: z.string(),
    delegateId: idSchema,
    delegateName: z.string(),
    from: timestampSchema,
    until: timestampSchema,
    reason: z.string().nullable(),
    active: z.boolean().describe('The window includes now'),
  })
  .meta({ id: 'ApprovalDelegation' });
export type Delegation = z.infer<typeof delegationSchema>;

export const putDelegationSchema = z
  .object({
    delegateId: idSchema,
    from: timestampSchema.optional().describe('Default: now'),
    until: timestampSchema,
    reason: text(300).optional(),
  })
  .refine((d) => !d.from || new Date(d.until) > new Date(d.from), {
    path: ['until'],
    message: 'until must be after from',
  });

export const myDelegationsSchema = z.object({
  mine: delegationSchema.nullable().describe('Who decides my approvals while I am away'),
  toMe: z.array(delegationSchema).describe('Whose approvals I decide (active or upcoming)'),
});

export const approvalSettingsSchema = z.object({
  reminderMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 14)
    .describe('Minutes an approval step may wait before its approvers are reminded (once)'),
});
export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;

export const delegateCandidateSchema = z.object({ id: idSchema, name: z.string() });
