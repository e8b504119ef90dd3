import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { exportOrdersDirect } from './direct.ts';
import { createExportJob, downloadExportJob, getExportJob, listExportJobs } from './jobs.ts';
import type { ExportRunner } from './runner.ts';

export const orderExportEndpoints = (runner: ExportRunner): Endpoint[] => [
  endpoint(routes.exportOrders, (ctx, { query }, http) => exportOrdersDirect(ctx, query, http)),
  endpoint(routes.createOrderExport, (ctx, { body }) => createExportJob(ctx, body, runner)),
  endpoint(routes.listOrderExports, (ctx) => listExportJobs(ctx)),
  endpoint(routes.getOrderExport, (ctx, { params }) => getExportJob(ctx, params.id)),
  endpoint(routes.downloadOrderExport, (ctx, { params }, http) => downloadExportJob(ctx, params.id, http)),
];
