import { z } from 'zod';
import { permissionSchema } from '../permissions.ts';
import { idSchema, text, timestampSchema } from './common.ts';

/**
 * A workflow definition is data: states, the transitions between them, who may take each, what each
 * requires and what it sets off. The server validates a definition before publishing it
 * (server/src/workflow/validate.ts) and every order keeps the version it started on.
 */

export const stateCategories = ['draft', 'open', 'in_progress', 'done', 'cancelled'] as const;
export type StateCategory = (typeof stateCategories)[number];

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'format.key')
  .describe('Lower-case key: letters, digits, underscore');

export const localizedSchema = z.object({ 'zh-CN': text(60), en: text(60), ja: text(60) });
export type Localized = z.infer<typeof localizedSchema>;

export const notifyTargets = [
  'customer',
  'store_staff',
  'sales_rep',
  'assignee',
  'approvers',
  'managers',
] as const;
export const notifyChannels = ['in_app', 'webhook', 'email', 'customer_message'] as const;

export const effectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reserve_stock') }),
  z.object({ type: z.literal('release_stock') }),
  z.object({ type: z.literal('commit_stock') }),
  z.object({
    type: z.literal('notify'),
    event: key.describe('Template key, e.g. `order_ready`'),
    to: z.array(z.enum(notifyTargets)).min(1),
    channels: z.array(z.enum(notifyChannels)).min(1).default(['in_app']),
  }),
  z.object({ type: z.literal('request_payment') }),
  z.object({ type: z.literal('push_erp') }),
  z.object({
    type: z.literal('set_timer'),
    timer: key,
    afterMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
    action: key.describe(
      'Transition the system takes when the timer fires while the order is still in this state',
    ),
  }),
]);
export type Effect = z.infer<typeof effectSchema>;
export type EffectType = Effect['type'];
export const effectTypes: EffectType[] = effectSchema.options.map((o) => o.shape.type.value);

export const conditionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('payment_status'),
    in: z.array(z.enum(['unpaid', 'partially_paid', 'paid', 'refunded'])).min(1),
  }),
  z.object({ type: z.literal('no_pending_approval') }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const transitionInputFields = ['reason', 'prepMinutes', 'stage', 'trackingNumber'] as const;
export type TransitionInputField = (typeof transitionInputFields)[number];

export const workflowStateSchema = z.object({
  key,
  category: z.enum(stateCategories),
  name: localizedSchema,
  slaMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .nullable()
    .default(null),
  escalateAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .nullable()
    .default(null)
    .describe('Minutes after the SLA is missed before the order escalates to managers'),
  stages: z.array(key).max(20).default([]).describe('Production stages the workshop reports while here'),
  editable: z
    .boolean()
    .optional()
    .describe('May lines, prices and fields be edited here? Default: in draft and open states'),
  onEnter: z.array(effectSchema).default([]),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

export const transitionSchema = z.object({
  action: key,
  name: localizedSchema,
  from: z.array(key).min(1),
  to: z.union([key, z.literal('@previous')]).describe('`@previous`: back to the state the order came from'),
  actors: z
    .array(z.enum(['staff', 'customer', 'system']))
    .min(1)
    .default(['staff']),
  permissions: z
    .array(permissionSchema)
    .default(['orders.transition'])
    .describe('Staff need any one of these (with the order in their data scope)'),
  requires: z
    .object({
      comment: z.boolean().default(false),
      fields: z.array(z.enum(transitionInputFields)).default([]),
    })
    .default({ comment: false, fields: [] }),
  conditions: z.array(conditionSchema).default([]),
  effects: z.array(effectSchema).default([]),
  tone: z.enum(['primary', 'default', 'danger']).default('default').describe('How a button for it looks'),
});
export type Transition = z.infer<typeof transitionSchema>;

export const approvalRuleSchema = z.object({
  key,
  name: localizedSchema,
  when: z.discriminatedUnion('type', [
    z.object({ type: z.literal('discount_percent_over'), percent: z.number().min(0).max(100) }),
    z.object({ type: z.literal('total_over'), amount: z.number().int().min(0) }),
    z.object({ type: z.literal('price_override') }),
  ]),
  steps: z
    .array(
      z.object({
        permission: permissionSchema.default('orders.approve'),
        role: key.optional().describe('Only holders of this role (besides the permission)'),
        mode: z.enum(['any', 'all']).default('any'),
        count: z.number().int().min(1).max(10).default(1).describe('Approvals needed in `all` mode'),
      }),
    )
    .min(1),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

export const workflowDefinitionSchema = z.object({
  key,
  name: localizedSchema,
  draftState: key.describe('Where a saved draft sits'),
  submitAction: key.describe('The transition that submits a draft; an order submitted at entry takes it too'),
  states: z.array(workflowStateSchema).min(2).max(40),
  transitions: z.array(transitionSchema).min(1).max(120),
  approvalRules: z.array(approvalRuleSchema).max(20).default([]),
  approval: z
    .object({
      gates: key.describe('The action an open approval holds back; taken by the system once approved'),
      onReject: key.describe('The action the system takes when an approval is rejected'),
    })
    .nullable()
    .default(null),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;

export const workflowSchema = z.object({
  id: idSchema,
  key: z.string(),
  version: z.number().int(),
  definition: workflowDefinitionSchema,
  publishedAt: timestampSchema,
  publishedBy: idSchema.nullable(),
  current: z.boolean().describe('New orders use this version'),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const transitionRequestSchema = z.object({
  action: key,
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'The order version the caller saw; a different one is a conflict (or a replay of this very action)',
    ),
  comment: z.string().trim().max(1000).optional(),
  input: z
    .object({
      reason: z.string().trim().min(1).max(500).optional(),
      prepMinutes: z.number().int().min(1).max(600).optional(),
      stage: key.optional(),
      trackingNumber: z.string().trim().min(1).max(100).optional(),
    })
    .default({}),
});

export const historyEntrySchema = z.object({
  id: idSchema,
  action: z.string(),
  actionName: z.string().describe("In the caller's language"),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorType: z.enum(['user', 'customer', 'system']),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  at: timestampSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const allowedActionSchema = z.object({
  action: z.string(),
  name: z.string(),
  to: z.string(),
  tone: z.enum(['primary', 'default', 'danger']),
  requires: z.object({ comment: z.boolean(), fields: z.array(z.enum(transitionInputFields)) }),
  blockedBy: z
    .string()
    .nullable()
    .describe('Why it cannot be taken yet (e.g. waiting for approval), or null'),
});
export type AllowedAction = z.infer<typeof allowedActionSchema>;

export const approvalSchema = z
  .object({
    id: idSchema,
    orderId: idSchema,
    orderNumber: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'superseded']),
    rules: z.array(z.object({ key: z.string(), name: z.string() })),
    step: z.number().int().describe('Index of the step waiting for a decision'),
    steps: z.array(
      z.object({
        rule: z.string(),
        permission: z.string(),
        role: z.string().nullable(),
        mode: z.enum(['any', 'all']),
        count: z.number().int(),
        decisions: z.array(
          z.object({
            userId: idSchema,
            userName: z.string(),
            decision: z.enum(['approve', 'reject']),
            comment: z.string().nullable(),
            at: timestampSchema,
            onBehalfOf: z
              .object({ userId: idSchema, name: z.string() })
              .nullable()
              .optional()
              .describe('Decided by a delegate for this approver'),
          }),
        ),
      }),
    ),
    canDecide: z.boolean().describe('The caller may decide the waiting step now'),
    delegatedFrom: z
      .object({ userId: idSchema, name: z.string() })
      .nullable()
      .optional()
      .describe('The caller may decide only as the delegate of this approver'),
    orderTotal: z.number().int(),
    currency: z.string(),
    createdAt: timestampSchema,
    decidedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Approval' });
export type Approval = z.infer<typeof approvalSchema>;

export const approvalDecisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(1000).optional(),
});

export const orderWorkflowSchema = z.object({
  workflowId: idSchema,
  key: z.string(),
  version: z.number().int(),
  state: z.string(),
  stateName: z.string(),
  category: z.enum(stateCategories),
  stage: z.string().nullable(),
  stateEnteredAt: timestampSchema,
  dueAt: timestampSchema.nullable().describe('When the SLA of the current state runs out'),
  overdue: z.boolean(),
  allowedActions: z.array(allowedActionSchema),
  history: z.array(historyEntrySchema),
  approval: approvalSchema.nullable().describe('The latest approval of this order, if any'),
  states: z
    .array(z.object({ key: z.string(), name: z.string(), category: z.enum(stateCategories) }))
    .describe('Every state of the definition, in order, for a timeline'),
});
export type OrderWorkflow = z.infer<typeof orderWorkflowSchema>;

export const publishWorkflowSchema = z.object({
  definition: workflowDefinitionSchema,
  makeDefault: z
    .boolean()
    .default(false)
    .describe("Switch the business's new orders to this definition's key"),
});

/** What a definition that passes the publish checks amounts to (`POST /api/workflows/validate`). */
export const workflowValidationSchema = z.object({
  valid: z.literal(true),
  states: z.number().int(),
  transitions: z.number().int(),
  nextVersion: z.number().int().describe('The version publishing it now would get'),
});
