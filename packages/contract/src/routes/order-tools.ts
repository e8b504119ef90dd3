import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.ts';
import { spreadsheetTypes } from '../schemas/catalog.ts';
import { idParams, patchOf } from '../schemas/common.ts';
import {
  createOrderExportSchema,
  orderBulkUpdateLimits,
  orderBulkUpdateQuery,
  orderBulkUpdateResultSchema,
  orderExportJobSchema,
  orderExportQuery,
  savedViewInputSchema,
  savedViewSchema,
} from '../schemas/order-tools.ts';
import { staff } from './access.ts';

const download = { contentTypes: [spreadsheetTypes.csv, spreadsheetTypes.xlsx] } as const;

// Working with many orders at once: exports, saved views, bulk updates from a spreadsheet.
export const orderToolRoutes = {
  exportOrders: defineRoute({
    method: 'GET',
    path: '/api/orders/export',
    summary:
      'The orders matching a list filter as CSV or XLSX, streamed: chosen columns, headers in the request ' +
      "language, amounts as decimals of each order's currency, times in each store's time zone; one row per " +
      'order or per order line. Past `directMaxRows` rows it answers 422 EXPORT_TOO_LARGE: start an export job',
    tag: 'exports',
    access: staff('exports.run'),
    query: orderExportQuery,
    response: null,
    download,
  }),
  createOrderExport: defineRoute({
    method: 'POST',
    path: '/api/order-exports',
    summary:
      'Start a background export of the orders matching a filter (any size); poll the job, then download its file',
    tag: 'exports',
    access: staff('exports.run'),
    body: createOrderExportSchema,
    response: orderExportJobSchema,
    status: 201,
  }),
  listOrderExports: defineRoute({
    method: 'GET',
    path: '/api/order-exports',
    summary: 'My export jobs, newest first (the last 50)',
    tag: 'exports',
    access: staff('exports.run'),
    response: z.array(orderExportJobSchema),
  }),
  getOrderExport: defineRoute({
    method: 'GET',
    path: '/api/order-exports/:id',
    summary: 'One of my export jobs',
    tag: 'exports',
    access: staff('exports.run'),
    params: idParams,
    response: orderExportJobSchema,
  }),
  downloadOrderExport: defineRoute({
    method: 'GET',
    path: '/api/order-exports/:id/file',
    summary: 'The file of one of my finished export jobs (409 while it runs, 410 once expired)',
    tag: 'exports',
    access: staff('exports.run'),
    params: idParams,
    response: null,
    download,
  }),

  listSavedViews: defineRoute({
    method: 'GET',
    path: '/api/saved-views',
    summary: 'My saved order views and those shared with a role I hold',
    tag: 'saved-views',
    access: staff('orders.read'),
    response: z.array(savedViewSchema),
  }),
  createSavedView: defineRoute({
    method: 'POST',
    path: '/api/saved-views',
    summary: 'Save a named filter, columns and sort; optionally share it (read-only) with a role',
    tag: 'saved-views',
    access: staff('orders.read'),
    body: savedViewInputSchema,
    response: savedViewSchema,
    status: 201,
  }),
  updateSavedView: defineRoute({
    method: 'PATCH',
    path: '/api/saved-views/:id',
    summary: 'Change one of my saved views',
    tag: 'saved-views',
    access: staff('orders.read'),
    params: idParams,
    body: patchOf(savedViewInputSchema),
    response: savedViewSchema,
  }),
  deleteSavedView: defineRoute({
    method: 'DELETE',
    path: '/api/saved-views/:id',
    summary: 'Delete one of my saved views',
    tag: 'saved-views',
    access: staff('orders.read'),
    params: idParams,
    response: null,
    status: 204,
  }),

  bulkUpdateOrders: defineRoute({
    method: 'POST',
    path: '/api/orders/bulk-update',
    summary:
      'Update many orders from a CSV or XLSX, one row per order found by its number: requested date, ' +
      'delivery address, notes, tags (";"-separated, replacing), assignee (username), custom fields ' +
      '("Custom:key" columns). An empty cell leaves the field alone, "-" clears it. Every cell and row is ' +
      'checked first and all problems come back together (400, `meta.cells`); otherwise all orders change ' +
      'in one transaction, each audited',
    tag: 'orders',
    access: staff('orders.batch'),
    query: orderBulkUpdateQuery,
    response: orderBulkUpdateResultSchema,
    upload: {
      contentTypes: [spreadsheetTypes.csv, spreadsheetTypes.xlsx, 'application/octet-stream'],
      maxBytes: orderBulkUpdateLimits.maxBytes,
    },
    dryRunParam: 'dryRun',
  }),
} satisfies Record<string, RouteDef>;
