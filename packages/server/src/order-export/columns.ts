import {
  customFieldPrefix,
  type ExportColumn,
  exportColumnLabels,
  exportValueLabels,
  type Locale,
  type OrderExportColumn,
  type OrderLineExportColumn,
} from '@orderloop/contract';
import type { XlsxColumn } from '../spreadsheets/index.ts';
import { moneyCell, type wallClock } from './format.ts';
import type { OrderExportRow, OrderField, OrderLineRow } from './rows.ts';

/** What the cells need besides the row: names of stores and users, each store's clock. */
export type CellEnv = {
  locale: Locale;
  stores: Map<string, { name: string; clock: ReturnType<typeof wallClock> }>;
  users: Map<string, { displayName: string; username: string }>;
};

type OrderCell = (o: OrderExportRow, env: CellEnv) => unknown;
type LineCell = (l: OrderLineRow, o: OrderExportRow) => unknown;

type Maybe<T> = T | null | undefined;
const label = (v: Maybe<string>, env: CellEnv) => (v ? (exportValueLabels[v]?.[env.locale] ?? v) : null);
const time = (d: Maybe<Date>, o: OrderExportRow, env: CellEnv) =>
  d ? (env.stores.get(o.storeId)?.clock.cell(d) ?? d) : null;
const money = (minor: Maybe<number>, o: OrderExportRow) =>
  minor === null || minor === undefined ? null : moneyCell(minor, o.currency);

const orderCells: Record<OrderExportColumn, OrderCell> = {
  number: (o) => o.number ?? null,
  store: (o, env) => env.stores.get(o.storeId)?.name ?? null,
  createdAt: (o, env) => time(o.createdAt, o, env),
  submittedAt: (o, env) => time(o.submittedAt, o, env),
  state: (o) => o.state ?? null,
  channel: (o, env) => label(o.channel, env),
  fulfilment: (o, env) => label(o.fulfilment, env),
  customer: (o) => o.customerName ?? null,
  contactName: (o) => o.contact?.name ?? null,
  contactPhone: (o) => o.contact?.phone ?? null,
  salesRep: (o, env) => (o.salesRepId ? (env.users.get(o.salesRepId)?.displayName ?? null) : null),
  assignee: (o, env) => (o.assignedTo ? (env.users.get(o.assignedTo)?.displayName ?? null) : null),
  assigneeUsername: (o, env) => (o.assignedTo ? (env.users.get(o.assignedTo)?.username ?? null) : null),
  paymentStatus: (o, env) => label(o.paymentStatus, env),
  currency: (o) => o.currency,
  subtotal: (o) => money(o.subtotal, o),
  discount: (o) => money(o.discount, o),
  feesTotal: (o) => money(o.feesTotal, o),
  tax: (o) => money(o.tax, o),
  total: (o) => money(o.total, o),
  lineCount: (o) => o.lineCount ?? null,
  tags: (o) => o.tags?.join(';') ?? '',
  notes: (o) => o.notes ?? null,
  requestedDate: (o) => o.fulfilmentDetails?.requestedDate ?? null,
  address: (o) => o.fulfilmentDetails?.address ?? null,
  tableNumber: (o) => o.fulfilmentDetails?.tableNumber ?? null,
};

/** What each order column reads from the database (id, store, currency and the sort key always). */
const orderColumnFields: Record<OrderExportColumn, OrderField[]> = {
  number: ['number'],
  store: [],
  createdAt: ['createdAt'],
  submittedAt: ['submittedAt'],
  state: ['state'],
  channel: ['channel'],
  fulfilment: ['fulfilment'],
  customer: ['customerName'],
  contactName: ['contact'],
  contactPhone: ['contact'],
  salesRep: ['salesRepId'],
  assignee: ['assignedTo'],
  assigneeUsername: ['assignedTo'],
  paymentStatus: ['paymentStatus'],
  currency: [],
  subtotal: ['subtotal'],
  discount: ['discount'],
  feesTotal: ['feesTotal'],
  tax: ['tax'],
  total: ['total'],
  lineCount: ['lineCount'],
  tags: ['tags'],
  notes: ['notes'],
  requestedDate: ['fulfilmentDetails'],
  address: ['fulfilmentDetails'],
  tableNumber: ['fulfilmentDetails'],
};

const lineCells: Record<OrderLineExportColumn, LineCell> = {
  lineNo: (l) => l.lineNo,
  skuCode: (l) => l.skuCode,
  product: (l) => l.productName,
  variant: (l) => l.skuLabel,
  modifiers: (l) => l.modifiersLabel,
  quantity: (l) => l.quantity,
  unitPrice: (l, o) => money(l.unitPrice, o),
  lineDiscount: (l, o) => money(l.lineDiscount + l.orderDiscount, o),
  lineTax: (l, o) => money(l.tax, o),
  lineTotal: (l, o) => money(l.total, o),
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
  /** One row of cells: the order's, with the line's when exporting lines. */
  cells: (o: OrderExportRow, l: OrderLineRow | null, env: CellEnv) => unknown[];
  /** The order fields these columns read. */
  fields: OrderField[];
  needsUsers: boolean;
};

/** Turns the chosen column keys into headers in the user's language and a row builder. */
export function planColumns(columns: readonly ExportColumn[], locale: Locale): ColumnPlan {
  const getters = columns.map((c): ((o: OrderExportRow, l: OrderLineRow | null, env: CellEnv) => unknown) => {
    if (c in orderCells) {
      const get = orderCells[c as OrderExportColumn];
      return (o, _l, env) => get(o, env);
    }
    if (c in lineCells) {
      const get = lineCells[c as OrderLineExportColumn];
      return (o, l) => (l ? get(l, o) : null);
    }
    const key = c.slice('custom.'.length);
    return (o) => {
      const v = o.customFields?.[key];
      return v === undefined ? null : v;
    };
  });
  return {
    headers: columns.map((c) =>
      c.startsWith('custom.')
        ? `${customFieldPrefix[locale]}:${c.slice('custom.'.length)}`
        : exportColumnLabels[c as OrderExportColumn][locale],
    ),
    xlsxColumns: columns.map((c) => ({ width: widths[c] ?? 14 })),
    cells: (o, l, env) => getters.map((get) => get(o, l, env)),
    fields: [
      ...new Set(
        columns.flatMap((c) =>
          c in orderColumnFields
            ? orderColumnFields[c as OrderExportColumn]
            : c.startsWith('custom.')
              ? (['customFields'] as const)
              : [],
        ),
      ),
    ],
    needsUsers: columns.some((c) => c === 'salesRep' || c === 'assignee' || c === 'assigneeUsername'),
  };
}
