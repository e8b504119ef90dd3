import {
  type Locale,
  type OrderBulkUpdateResult,
  orderBulkUpdateLimits,
  type orderBulkUpdateQuery,
  translate,
} from '@orderloop/contract';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope, requirePermission, type Scope } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx, Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import type { UploadedFile } from '../http/register.ts';
import { AppError, ConflictError } from '../lib/errors.ts';
import { orderOwnership } from '../orders/read.ts';
import {
  type CellError,
  matchHeaders,
  readUpload,
  sheetProblem,
  type Table,
  type TableRow,
  type ValidatedRows,
  validateRows,
} from '../spreadsheets/index.ts';
import { editableCheck } from './editable.ts';
import { type BulkRow, bulkColumns, bulkText } from './sheet.ts';

type OrderRow = Pick<
  typeof orders.$inferSelect,
  | 'id'
  | 'number'
  | 'storeId'
  | 'state'
  | 'workflowId'
  | 'salesRepId'
  | 'createdBy'
  | 'assignedTo'
  | 'notes'
  | 'tags'
> & {
  fulfilmentDetails: Record<string, unknown>;
  customFields: Record<string, unknown>;
};

type Change = {
  row: number;
  order: OrderRow;
  set: Partial<Pick<OrderRow, 'notes' | 'tags' | 'assignedTo' | 'fulfilmentDetails' | 'customFields'>>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

const CHUNK = 1000;
const LISTED_CHANGES = 1000;

function* chunks<T>(list: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/**
 * Updates many orders from a spreadsheet: read → check every cell → check every row (its order
 * exists within my scope and may be edited, the assignee exists, no order twice) → if anything is
 * wrong, a 400 listing every bad cell and nothing written; else one transaction in which every
 * changed order gets its new values, `version` + 1, `updated_at`, and an audit entry with the
 * before and after of exactly the fields that changed. A dry run checks and reports, writing nothing.
 */
export async function bulkUpdateOrders(
  ctx: Ctx,
  file: UploadedFile,
  q: z.output<typeof orderBulkUpdateQuery>,
): Promise<OrderBulkUpdateResult> {
  const scope = requirePermission(ctx.actor, 'orders.batch');
  const dryRun = q.dryRun === 'true';
  const { table } = await readUpload(file, orderBulkUpdateLimits.maxRows);
  const columns = bulkColumns(ctx.locale, table.headers);
  const checked = validateRows<BulkRow>(table, columns, ctx.locale);
  const headerOf = new Map(
    matchHeaders(table.headers, columns, ctx.locale).bound.map((b) => [b.spec.key, b.header]),
  );

  const plan = async (db: DbOrTx, lock: boolean) => {
    const found = await findOrders(db, scope, numbersOf(table, headerOf.get('number'), checked.errors), lock);
    const people = await findUsers(db, scope.actor.businessId, assigneesOf(table, headerOf.get('assignee')));
    const assertEditable = await editableCheck(db, found.values(), ctx.locale);
    const { changes, errors } = planRows(table, checked, found, people, headerOf, ctx.locale, assertEditable);
    const all = [...checked.errors, ...errors];
    if (all.length) throw sheetProblem(all, checked.warnings, table.headers, 'bulkUpdate.invalid');
    return changes;
  };

  let changes: Change[];
  if (dryRun) changes = await plan(ctx.db, false);
  else
    changes = await ctx.db.transaction(async (tx) => {
      const planned = await plan(tx, true);
      await apply(tx, ctx, planned);
      return planned;
    });
  return {
    dryRun,
    rows: table.rows.length,
    updated: changes.length,
    unchanged: checked.rows.length - changes.length,
    changes: changes
      .slice(0, LISTED_CHANGES)
      .map((c) => ({ row: c.row, number: c.order.number, fields: Object.keys(c.after) })),
    warnings: checked.warnings,
  };
}

/** Order numbers written in cells that passed their own check. */
function numbersOf(table: Table, header: string | undefined, cellErrors: CellError[]): string[] {
  if (!header) return [];
  const bad = new Set(cellErrors.filter((e) => e.column === header).map((e) => e.row));
  return [
    ...new Set(table.rows.filter((r) => !bad.has(r.rowNumber)).map((r) => (r.cells[header] ?? '').trim())),
  ].filter(Boolean);
}

/** The orders of these numbers within my scope; one out of scope is simply not found. */
async function findOrders(db: DbOrTx, scope: Scope, numbers: string[], lock: boolean) {
  const byNumber = new Map<string, OrderRow>();
  for (const part of chunks(numbers)) {
    const q = db
      .select({
        id: orders.id,
        number: orders.number,
        storeId: orders.storeId,
        state: orders.state,
        workflowId: orders.workflowId,
        salesRepId: orders.salesRepId,
        createdBy: orders.createdBy,
        assignedTo: orders.assignedTo,
        notes: orders.notes,
        tags: orders.tags,
        fulfilmentDetails: orders.fulfilmentDetails,
        customFields: orders.customFields,
      })
      .from(orders)
      .where(and(eq(orders.businessId, scope.actor.businessId), inArray(orders.number, part)))
      .orderBy(asc(orders.id));
    // locked in id order, so two bulk updates cannot deadlock on each other
    const rows = lock ? await q.for('update') : await q;
    for (const o of rows) if (inScope(scope, orderOwnership(o))) byNumber.set(o.number, o as OrderRow);
  }
  return byNumber;
}

type People = { byUsername: Map<string, string>; byName: Map<string, string[]> };

const assigneesOf = (table: Table, header: string | undefined) =>
  header
    ? [...new Set(table.rows.map((r) => (r.cells[header] ?? '').trim()))].filter((n) => n && n !== '-')
    : [];

/** Active staff named in the assignee column, by username or by display name. */
async function findUsers(db: DbOrTx, businessId: string, names: string[]): Promise<People> {
  const people: People = { byUsername: new Map(), byName: new Map() };
  for (const part of chunks(names)) {
    const found = await db
      .select({ id: users.id, username: users.username, displayName: users.displayName })
      .from(users)
      .where(
        and(
          eq(users.businessId, businessId),
          eq(users.status, 'active'),
          or(inArray(users.username, part), inArray(users.displayName, part)),
        ),
      );
    for (const u of found) {
      people.byUsername.set(u.username, u.id);
      people.byName.set(u.displayName, [...(people.byName.get(u.displayName) ?? []), u.id]);
    }
  }
  return people;
}

/**
 * Pure: every row against its order, the people and the rows before it; changes or cell errors.
 * The row checks run on every row, also one with a bad cell elsewhere, so one round of fixes is enough.
 */
function planRows(
  table: Table,
  checked: ValidatedRows<BulkRow>,
  found: Map<string, OrderRow>,
  people: People,
  headerOf: Map<string, string>,
  locale: Locale,
  assertEditable: (o: OrderRow) => void,
): { changes: Change[]; errors: CellError[] } {
  const errors: CellError[] = [];
  const changes: Change[] = [];
  const firstRow = new Map<string, number>();
  const bad = new Set(checked.errors.map((e) => `${e.row}|${e.column}`));
  const good = new Map(checked.rows.map((r) => [r.rowNumber, r.value]));
  /** A cell's text, unless the cell failed its own check (already reported). */
  const cell = (row: TableRow, key: string) => {
    const header = headerOf.get(key);
    if (!header || bad.has(`${row.rowNumber}|${header}`)) return '';
    return (row.cells[header] ?? '').trim();
  };
  const fail = (row: number, key: string, value: string, message: string) =>
    errors.push({ row, column: headerOf.get(key) ?? key, value, message });

  for (const row of table.rows) {
    const { rowNumber } = row;
    const number = cell(row, 'number');
    let order: OrderRow | undefined;
    const seen = number ? firstRow.get(number) : undefined;
    if (number && seen !== undefined)
      fail(rowNumber, 'number', number, bulkText(locale, 'duplicate', { number, row: seen }));
    else if (number) {
      firstRow.set(number, rowNumber);
      order = found.get(number);
      if (!order) fail(rowNumber, 'number', number, bulkText(locale, 'notFound', { number }));
    }
    const name = cell(row, 'assignee');
    let assignedTo: string | null | undefined;
    if (name === '-') assignedTo = null;
    else if (name) {
      const byName = people.byName.get(name) ?? [];
      assignedTo = people.byUsername.get(name) ?? (byName.length === 1 ? byName[0] : undefined);
      if (assignedTo === undefined)
        fail(
          rowNumber,
          'assignee',
          name,
          bulkText(locale, byName.length > 1 ? 'ambiguousUser' : 'unknownUser', { name }),
        );
    }
    const value = good.get(rowNumber);
    if (!order || !value || (name && assignedTo === undefined) || seen !== undefined) continue;
    const change = diffOrder(order, value, assignedTo);
    if (!change) continue; // a row that changes nothing may name a finished order (an export sent back)
    try {
      assertEditable(order);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(rowNumber, 'number', number, translate(locale, err.detail.key, err.detail.vars));
      continue;
    }
    changes.push({ row: rowNumber, order, ...change });
  }
  return { changes, errors };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The new values of what this row changes, with the audit's before and after of just those fields. */
function diffOrder(order: OrderRow, v: BulkRow, assignedTo: string | null | undefined) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Change['set'] = {};
  const details = { ...order.fulfilmentDetails };
  const custom = { ...order.customFields };
  const put = (name: string, was: unknown, now: unknown) => {
    if (same(was, now)) return false;
    before[name] = was ?? null;
    after[name] = now ?? null;
    return true;
  };
  for (const key of ['requestedDate', 'address'] as const) {
    const next = v[key];
    if (next === undefined || !put(key, details[key], next)) continue;
    if (next === null) delete details[key];
    else details[key] = next;
    set.fulfilmentDetails = details;
  }
  if (v.notes !== undefined && put('notes', order.notes, v.notes)) set.notes = v.notes;
  if (v.tags !== undefined && put('tags', order.tags, v.tags ?? [])) set.tags = v.tags ?? [];
  if (assignedTo !== undefined && put('assignedTo', order.assignedTo, assignedTo))
    set.assignedTo = assignedTo;
  for (const [column, next] of Object.entries(v)) {
    if (!column.startsWith('custom.') || next === undefined) continue;
    const key = column.slice('custom.'.length);
    if (!put(`customFields.${key}`, custom[key], next)) continue;
    if (next === null) delete custom[key];
    else custom[key] = next;
    set.customFields = custom;
  }
  return Object.keys(after).length ? { set, before, after } : null;
}

async function apply(tx: Tx, ctx: Ctx, changes: Change[]) {
  // a sheet that changes nothing wrote nothing, so there is nothing to audit
  if (!changes.length) ctx.audited = true;
  const now = ctx.clock.now();
  for (const c of changes) {
    const updated = await tx
      .update(orders)
      .set({ ...c.set, version: sql`${orders.version} + 1`, updatedAt: now })
      .where(eq(orders.id, c.order.id))
      .returning({ id: orders.id });
    if (!updated.length) throw new ConflictError('CONFLICT', { key: 'bulkUpdate.changed' });
    await recordAudit(tx, ctx, {
      action: 'order.bulk_updated',
      entityType: 'order',
      entityId: c.order.id,
      storeId: c.order.storeId,
      before: c.before,
      after: c.after,
    });
  }
}
