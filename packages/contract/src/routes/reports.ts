import { defineRoute, type RouteDef } from '../route.ts';
import { spreadsheetTypes } from '../schemas/catalog.ts';
import {
  breakdownQuery,
  overviewQuery,
  reportBreakdownSchema,
  reportExportQuery,
  reportFlowSchema,
  reportOverviewSchema,
  reportQuery,
  reportRebuildSchema,
} from '../schemas/reports.ts';
import { staff } from './access.ts';

const tag = 'reports';

export const reportRoutes = {
  reportOverview: defineRoute({
    method: 'GET',
    path: '/api/reports/overview',
    summary:
      'Orders, revenue and cancellations by day/week/month (store-local days), orders per current state, ' +
      'and the live overdue and pending-approval counts, within my data scope',
    tag,
    access: staff('reports.read'),
    query: overviewQuery,
    response: reportOverviewSchema,
  }),
  reportBreakdown: defineRoute({
    method: 'GET',
    path: '/api/reports/breakdown',
    summary: 'Orders and revenue by store, channel, sales rep, product or category, largest revenue first',
    tag,
    access: staff('reports.read'),
    query: breakdownQuery,
    response: reportBreakdownSchema,
  }),
  reportFlow: defineRoute({
    method: 'GET',
    path: '/api/reports/flow',
    summary: 'Average time in each state (finished stays, from the order history) and approval turnaround',
    tag,
    access: staff('reports.read'),
    query: reportQuery,
    response: reportFlowSchema,
  }),
  exportReport: defineRoute({
    method: 'GET',
    path: '/api/reports/export',
    summary: 'One report as a spreadsheet, headers in the request language, money in major units',
    tag,
    access: staff('reports.read'),
    query: reportExportQuery,
    response: null,
    download: { contentTypes: [spreadsheetTypes.csv, spreadsheetTypes.xlsx] },
  }),
  rebuildReports: defineRoute({
    method: 'POST',
    path: '/api/reports/rebuild',
    summary:
      "Recompute my business's report rollups from the orders (after an import that bypassed events); " +
      'needs reports.read with the all scope',
    tag,
    access: staff('reports.read'),
    response: reportRebuildSchema,
  }),
} satisfies Record<string, RouteDef>;
