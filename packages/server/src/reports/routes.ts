import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { exportReport } from './export.ts';
import { rebuildBusinessReports } from './rebuild.ts';
import { reportBreakdown, reportFlow, reportOverview } from './service.ts';

export const reportEndpoints: Endpoint[] = [
  endpoint(routes.reportOverview, (ctx, { query }) => reportOverview(ctx, query)),
  endpoint(routes.reportBreakdown, (ctx, { query }) => reportBreakdown(ctx, query)),
  endpoint(routes.reportFlow, (ctx, { query }) => reportFlow(ctx, query)),
  endpoint(routes.exportReport, (ctx, { query }, { reply }) => exportReport(ctx, query, reply)),
  endpoint(routes.rebuildReports, (ctx) => rebuildBusinessReports(ctx)),
];
