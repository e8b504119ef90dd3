import type { ExportColumn, Locale } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { Scope } from '../access/access.ts';
import type { DbOrTx } from '../db/connect.ts';
import { stores, users } from '../db/schema.ts';
import { writeCsv, writeXlsx } from '../spreadsheets/index.ts';
import { type CellEnv, planColumns } from './columns.ts';
import { wallClock } from './format.ts';
import { type ExportFilter, type ExportSort, linesOf, orderBatches } from './rows.ts';

export type ExportSpec = {
  filter: ExportFilter;
  sort: ExportSort;
  format: 'csv' | 'xlsx';
  granularity: 'orders' | 'lines';
  columns: ExportColumn[];
};

const sheetName: Record<Locale, [orders: string, lines: string]> = {
  'zh-CN': ['订单', '订单明细'],
  en: ['Orders', 'Order lines'],
  ja: ['注文', '注文明細'],
};

/** The file's name: 订单-20261122.xlsx, in the time zone of the business's first store. */
export function exportFilename(
  spec: Pick<ExportSpec, 'format' | 'granularity'>,
  locale: Locale,
  day: string,
) {
  const name = sheetName[locale][spec.granularity === 'lines' ? 1 : 0];
  const ascii = spec.granularity === 'lines' ? 'order-lines' : 'orders';
  return { filename: `${name}-${day}.${spec.format}`, asciiFilename: `${ascii}-${day}.${spec.format}` };
}

async function cellEnv(db: DbOrTx, businessId: string, locale: Locale, withUsers: boolean): Promise<CellEnv> {
  const storeRows = await db
    .select({ id: stores.id, name: stores.name, timezone: stores.timezone })
    .from(stores)
    .where(eq(stores.businessId, businessId));
  const userRows = withUsers
    ? await db
        .select({ id: users.id, displayName: users.displayName, username: users.username })
        .from(users)
        .where(eq(users.businessId, businessId))
    : [];
  return {
    locale,
    stores: new Map(storeRows.map((s) => [s.id, { name: s.name, clock: wallClock(s.timezone) }])),
    users: new Map(userRows.map((u) => [u.id, u])),
  };
}

/**
 * Streams the export into `out` (and ends it) through the shared spreadsheet writers, which pull
 * rows only as fast as `out` drains: at most one batch of orders is in memory at any time.
 * Resolves with the number of data rows written.
 */
export async function writeOrderExport(
  out: NodeJS.WritableStream,
  db: DbOrTx,
  opts: { businessId: string; scope: Scope | null; spec: ExportSpec; locale: Locale; signal?: AbortSignal },
): Promise<number> {
  const { spec, locale } = opts;
  const plan = planColumns(spec.columns, locale);
  const env = await cellEnv(db, opts.businessId, locale, plan.needsUsers);
  let count = 0;
  async function* rows(): AsyncGenerator<unknown[]> {
    for await (const batch of orderBatches(db, opts.scope, spec.filter, spec.sort, { fields: plan.fields })) {
      opts.signal?.throwIfAborted();
      if (spec.granularity === 'orders') {
        for (const o of batch) {
          count++;
          yield plan.cells(o, null, env);
        }
        continue;
      }
      const lines = await linesOf(
        db,
        batch.map((o) => o.id),
      );
      for (const o of batch) {
        for (const l of lines.get(o.id) ?? []) {
          count++;
          yield plan.cells(o, l, env);
        }
      }
    }
  }
  if (spec.format === 'csv') await writeCsv(out, plan.headers, rows());
  else
    await writeXlsx(
      out,
      {
        name: sheetName[locale][spec.granularity === 'lines' ? 1 : 0],
        headers: plan.headers,
        columns: plan.xlsxColumns,
      },
      rows(),
    );
  return count;
}
