import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { stateCategories } from './workflow.ts';

/**
 * Reports read daily rollups keyed by the store's local day an order was created on; every figure
 * is of the orders created in [from, to] (both inclusive, local days). "Orders" and "revenue" leave
 * out drafts and cancelled/rejected orders; revenue is in minor units of `currency`.
 */
const day = z.iso.date().describe('Local day, YYYY-MM-DD');
export const reportGranularities = ['day', 'week', 'month'] as const;
export type ReportGranularity = (typeof reportGranularities)[number];
export const reportDimensions = ['store', 'channel', 'rep', 'product', 'category'] as const;
export type ReportDimension = (typeof reportDimensions)[number];
/** The most days one request may span (about three years). */
export const reportMaxDays = 1100;

const baseQuery = z.object({
  from: day,
  to: day,
  storeId: idSchema.optional().describe('Only this store (must be within my scope)'),
});
// from ≤ to, at most reportMaxDays days: checked on each final schema (a refined object cannot be extended)
const range = <T extends typeof baseQuery>(schema: T) =>
  schema.superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0 || days >= reportMaxDays)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'format.dateRange' });
  });

export const reportQuery = range(baseQuery);
export type ReportQuery = z.infer<typeof reportQuery>;

export const overviewQuery = range(
  baseQuery.extend({ granularity: z.enum(reportGranularities).default('day') }),
);
export const breakdownQuery = range(
  baseQuery.extend({
    dimension: z.enum(reportDimensions),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
);

export const reportExports = ['series', 'states', 'flow', ...reportDimensions] as const;
export type ReportExport = (typeof reportExports)[number];
export const reportExportQuery = range(
  baseQuery.extend({
    granularity: z.enum(reportGranularities).default('day'),
    report: z.enum(reportExports),
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
  }),
);

const figures = {
  orders: z.number().int(),
  revenue: z.number().int(),
};

export const reportOverviewSchema = z.object({
  from: day,
  to: day,
  currency: z.string().nullable().describe('null when the stores in view keep different currencies'),
  refreshedAt: timestampSchema.nullable(),
  totals: z.object({
    ...figures,
    avgOrderValue: z.number().int(),
    cancelled: z.number().int(),
  }),
  series: z.array(z.object({ period: day, ...figures, cancelled: z.number().int() })),
  states: z.array(
    z.object({
      state: z.string(),
      name: z.string(),
      category: z.enum(stateCategories),
      orders: z.number().int(),
    }),
  ),
  /** Live: orders past the SLA of the state they are in now (all dates, within scope). */
  overdue: z.number().int(),
  /** Live: approvals waiting now (all dates, within scope). */
  pendingApprovals: z.number().int(),
  /** Filled by the complaints module when present; null means not available. */
  complaints: z.array(z.object({ kind: z.string(), count: z.number().int() })).nullable(),
});
export type ReportOverview = z.infer<typeof reportOverviewSchema>;

export const reportBreakdownSchema = z.object({
  dimension: z.enum(reportDimensions),
  currency: z.string().nullable(),
  rows: z.array(
    z.object({
      key: z.string().nullable().describe('Store/user/product/category id, channel code; null = none'),
      label: z.string(),
      ...figures,
      quantity: z.number().int().nullable().describe('Units sold (product and category only)'),
      share: z.number().describe('Share of revenue, 0–1'),
    }),
  ),
});
export type ReportBreakdown = z.infer<typeof reportBreakdownSchema>;

export const reportFlowSchema = z.object({
  stateTimes: z.array(
    z.object({ state: z.string(), name: z.string(), stays: z.number().int(), avgSeconds: z.number() }),
  ),
  approvals: z.object({
    decided: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
    avgSeconds: z.number().nullable().describe('Created → decided, of the decided ones'),
  }),
});
export type ReportFlow = z.infer<typeof reportFlowSchema>;

export const reportRebuildSchema = z.object({ orders: z.number().int(), ms: z.number().int() });
