import {
  customFieldPrefix,
  type ExportColumn,
  exportColumnLabels,
  exportValueLabels,
  type Locale,
  type OrderExportColumn,
  type OrderLineExportColumn,
} from '@orderloop/contract';
import { type SQL, sql } from 'drizzle-orm';
import { FormattedCell, type XlsxColumn } from '../spreadsheets/index.ts';
import { currencyDigits, formatMinor, moneyCell } from './format.ts';

/** What the cells need besides the row: the user's language and the business's users. */
export type CellEnv = {
  locale: Locale;
  users: Map<string, { displayName: string; username: string }>;
};

/**
 * One column: what the database selects for it (already text where SQL can format it exactly:
 * store names, local times, tags) and what turns that into the cell. Row index 0 is always the
 * order's currency, which amounts need. Aliases in the SQL: `orders` (a page of orders), `s` its
 * store, `c` its customer, `ol` the line.
 */
type Column = { select: SQL; cell?: (v: unknown, row: unknown[], env: CellEnv, csv: boolean) => unknown };

type Maybe<T> = T | null | undefined;
const label = (v: unknown, _row: unknown[], env: CellEnv) =>
  v ? (exportValueLabels[v as string]?.[env.locale] ?? v) : null;
/** "2026-11-22 14:03:09", the store's wall clock; in an XLSX a date cell with the same fields. */
const time = (v: unknown, _row: unknown[], _env: CellEnv, csv: boolean) =>
  typeof v !== 'string' || csv
    ? (v ?? null)
    : new FormattedCell(new Date(`${v.replace(' ', 'T')}Z`), 'yyyy-mm-dd hh:mm:ss', v);
const money = (v: unknown, row: unknown[], _env: CellEnv, csv: boolean) => {
  if (v === null || v === undefined) return null;
  const currency = row[0] as string;
  return csv ? formatMinor(v as number, currencyDigits(currency)) : moneyCell(v as number, currency);
};
const user = (field: 'displayName' | 'username') => (v: unknown, _row: unknown[], env: CellEnv) =>
  v ? (env.users.get(v as string)?.[field] ?? null) : null;

// whole seconds as shown (to_char truncates, as the wall clock did): a cell never rounds up
const local = (column: string) =>
  sql.raw(`to_char(orders.${column} AT TIME ZONE s.timezone, 'YYYY-MM-DD HH24:MI:SS')`);
// amounts are bigint; float8 reaches JavaScript as a number, exact below 2^53
const minor = (expr: string) => sql.raw(`(${expr})::float8`);
// jsonb, so a value keeps its JSON type (a number stays a number) exactly as before
const json = (expr: string) => sql.raw(expr);

const orderColumns: Record<OrderExportColumn, Column> = {
  number: { select: sql.raw('orders.number') },
  store: { select: sql.raw('s.name') },
  createdAt: { select: local('created_at'), cell: time },
  submittedAt: { select: local('submitted_at'), cell: time },
  state: { select: sql.raw('orders.state') },
  channel: { select: sql.raw('orders.channel'), cell: label },
  fulfilment: { select: sql.raw('orders.fulfilment'), cell: label },
  customer: { select: sql.raw('c.name') },
  contactName: { select: json(`orders.contact -> 'name'`) },
  contactPhone: { select: json(`orders.contact -> 'phone'`) },
  salesRep: { select: sql.raw('orders.sales_rep_id'), cell: user('displayName') },
  assignee: { select: sql.raw('orders.assigned_to'), cell: user('displayName') },
  assigneeUsername: { select: sql.raw('orders.assigned_to'), cell: user('username') },
  paymentStatus: { select: sql.raw('orders.payment_status'), cell: label },
  currency: { select: sql.raw('orders.currency') },
  subtotal: { select: minor('orders.subtotal'), cell: money },
  discount: { select: minor('orders.discount'), cell: money },
  feesTotal: { select: minor('orders.fees_total'), cell: money },
  tax: { select: minor('orders.tax'), cell: money },
  total: { select: minor('orders.total'), cell: money },
  lineCount: { select: sql.raw('(SELECT count(*)::int FROM order_lines x WHERE x.order_id = orders.id)') },
  tags: { select: sql.raw(`array_to_string(orders.tags, ';')`) },
  notes: { select: sql.raw('orders.notes') },
  requestedDate: { select: json(`orders.fulfilment_details -> 'requestedDate'`) },
  address: { select: json(`orders.fulfilment_details -> 'address'`) },
  tableNumber: { select: json(`orders.fulfilment_details -> 'tableNumber'`) },
};

const lineColumns: Record<OrderLineExportColumn, Column> = {
  lineNo: { select: sql.raw('ol.line_no') },
  skuCode: { select: sql.raw('ol.sku_code') },
  product: { select: sql.raw('ol.product_name') },
  variant: { select: sql.raw('ol.sku_label') },
  modifiers: { select: sql.raw('ol.modifiers_label') },
  quantity: { select: sql.raw('ol.quantity') },
  unitPrice: { select: minor('ol.unit_price'), cell: money },
  lineDiscount: { select: minor('ol.line_discount + ol.order_discount'), cell: money },
  lineTax: { select: minor('ol.tax'), cell: money },
  lineTotal: { select: minor('ol.total'), cell: money },
};

const widths: Partial<Record<string, number>> = {
  number: 20,
  createdAt: 20,
  submittedAt: 20,
  customer: 24,
  notes: 30,
  address: 36,
  product: 24,
};

export type ColumnPlan = {
  headers: string[];
  xlsxColumns: XlsxColumn[];
  /** What to select, in order: the currency, then one expression per column. */
  select: SQL[];
  /** One row of cells from one selected row; text for a CSV, typed cells for an XLSX. */
  cells: (row: unknown[], env: CellEnv, csv: boolean) => unknown[];
  needsCustomers: boolean;
  needsUsers: boolean;
};

/** Turns the chosen column keys into headers in the user's language, a selection and a row builder. */
export function planColumns(columns: readonly ExportColumn[], locale: Locale): ColumnPlan {
  const chosen = columns.map((c): Column => {
    if (c in orderColumns) return orderColumns[c as OrderExportColumn];
    if (c in lineColumns) return lineColumns[c as OrderLineExportColumn];
    return { select: sql`orders.custom_fields -> ${c.slice('custom.'.length)}::text` };
  });
  const finish = chosen.map((col, i) => [i + 1, col.cell] as const);
  return {
    headers: columns.map((c) =>
      c.startsWith('custom.')
        ? `${customFieldPrefix[locale]}:${c.slice('custom.'.length)}`
        : exportColumnLabels[c as OrderExportColumn][locale],
    ),
    xlsxColumns: columns.map((c) => ({ width: widths[c] ?? 14 })),
    select: [sql.raw('orders.currency'), ...chosen.map((c) => c.select)],
    cells: (row, env, csv) =>
      finish.map(([i, cell]) => {
        const v = row[i] as Maybe<unknown>;
        return cell ? cell(v, row, env, csv) : (v ?? null);
      }),
    needsCustomers: columns.includes('customer'),
    needsUsers: columns.some((c) => c === 'salesRep' || c === 'assignee' || c === 'assigneeUsername'),
  };
}
