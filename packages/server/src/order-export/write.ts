import type { ExportColumn, Locale } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { Scope } from '../access/access.ts';
import type { DbOrTx } from '../db/connect.ts';
import { users } from '../db/schema.ts';
import { writeCsv, writeXlsx } from '../spreadsheets/index.ts';
import { type CellEnv, planColumns } from './columns.ts';
import { type ExportFilter, type ExportSort, exportRows } from './rows.ts';

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

async function usersOf(db: DbOrTx, businessId: string): Promise<CellEnv['users']> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(eq(users.businessId, businessId));
  return new Map(rows.map((u) => [u.id, u]));
}

/**
 * Streams the export into `out` (and ends it) through the shared spreadsheet writers, which pull
 * rows only as fast as `out` drains: at most two pages of orders are in memory at any time.
 * Resolves with the number of data rows written.
 */
export async function writeOrderExport(
  out: NodeJS.WritableStream,
  db: DbOrTx,
  opts: { businessId: string; scope: Scope | null; spec: ExportSpec; locale: Locale; signal?: AbortSignal },
): Promise<number> {
  const { spec, locale } = opts;
  const plan = planColumns(spec.columns, locale);
  const env: CellEnv = { locale, users: plan.needsUsers ? await usersOf(db, opts.businessId) : new Map() };
  const csv = spec.format === 'csv';
  let count = 0;
  // the next page is fetched while this one is written, so the database works while rows are formatted
  const pages = exportRows(db, opts.scope, spec.filter, spec.sort, {
    select: plan.select,
    lines: spec.granularity === 'lines',
    customers: plan.needsCustomers,
  });
  async function* rows(): AsyncGenerator<unknown[]> {
    for await (const page of aheadByOne(pages)) {
      opts.signal?.throwIfAborted();
      for (const row of page) {
        count++;
        yield plan.cells(row, env, csv);
      }
    }
  }
  if (csv) await writeCsv(out, plan.headers, rows());
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

/** Iterates `source` while already asking it for the next item. */
async function* aheadByOne<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      // a failure of the item fetched ahead surfaces when it is awaited, not as unhandled
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
