import { type catalogExportQuery, spreadsheetTypes } from '@orderloop/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { categories, products, skus, stockLevels } from '../db/catalog-schema.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { sendDownload } from '../http/download.ts';
import { writeCsv, writeXlsx, type XlsxColumn } from '../spreadsheets/index.ts';
import {
  CATEGORY_SEPARATOR,
  catalogColumns,
  catalogHeaders,
  fileLabel,
  formatOptions,
  formatYuan,
  sheetName,
  stockHeader,
} from './sheet-format.ts';

const PAGE = 500;
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

type Category = { id: string; parentId: string | null; name: string; sort: number };

/** Display order of categories: parents by (sort, name), each followed by its children. */
function categoryOrder(list: Category[]) {
  const byId = new Map(list.map((c) => [c.id, c]));
  const key = (c: Category): (string | number)[] => {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent
      ? [parent.sort, parent.name, parent.id, 1, c.sort, c.name]
      : [c.sort, c.name, c.id, 0, 0, ''];
  };
  const sorted = [...list].sort((a, b) => compareTuples(key(a), key(b)));
  const rank = new Map(sorted.map((c, i) => [c.id, i]));
  const path = (id: string | null) => {
    const c = id ? byId.get(id) : undefined;
    if (!c) return '';
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent ? `${parent.name}${CATEGORY_SEPARATOR}${c.name}` : c.name;
  };
  return { rank: (id: string | null) => (id ? (rank.get(id) ?? sorted.length) : sorted.length), path };
}

function compareTuples(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** "20261122" in the time zone of the business's first store. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .replaceAll('-', '');
}

/**
 * Streams the catalog, one row per SKU (inactive ones included, with Active = FALSE), in the
 * layout the import reads back. Stock columns only for the stores the reader's catalog scope
 * reaches: on hand, empty when the SKU is untracked (unlimited) there. Products are read a page
 * at a time, so memory stays flat however large the catalog.
 */
export async function exportCatalog(ctx: Ctx, q: z.output<typeof catalogExportQuery>, reply: FastifyReply) {
  const scope = requirePermission(ctx.actor, 'catalog.read');
  const businessId = scope.actor.businessId;
  const locale = ctx.locale;
  const allStores = await ctx.db
    .select({ id: stores.id, code: stores.code, timezone: stores.timezone })
    .from(stores)
    .where(eq(stores.businessId, businessId))
    .orderBy(asc(stores.code));
  const visible = scope.all ? allStores : allStores.filter((s) => scope.storeIds.includes(s.id));
  const cats = categoryOrder(
    await ctx.db
      .select({
        id: categories.id,
        parentId: categories.parentId,
        name: categories.name,
        sort: categories.sort,
      })
      .from(categories)
      .where(eq(categories.businessId, businessId)),
  );
  const order = (
    await ctx.db
      .select({ id: products.id, categoryId: products.categoryId, sort: products.sort, name: products.name })
      .from(products)
      .where(eq(products.businessId, businessId))
  )
    .map((p) => ({ id: p.id, key: [cats.rank(p.categoryId), p.sort, p.name, p.id] }))
    .sort((a, b) => compareTuples(a.key, b.key))
    .map((p) => p.id);

  const xlsx = q.format === 'xlsx';
  const headers = [
    ...catalogColumns.map((c) => catalogHeaders[c][locale]),
    ...visible.map((s) => stockHeader(locale, s.code)),
  ];
  const db = ctx.db;
  const storeIds = visible.map((s) => s.id);

  async function* rows(): AsyncGenerator<unknown[]> {
    for (let i = 0; i < order.length; i += PAGE) {
      const ids = order.slice(i, i + PAGE);
      const page = await db.select().from(products).where(inArray(products.id, ids));
      const byId = new Map(page.map((p) => [p.id, p]));
      const skuRows = await db
        .select()
        .from(skus)
        .where(inArray(skus.productId, ids))
        .orderBy(asc(skus.code));
      const levels =
        skuRows.length && storeIds.length
          ? await db
              .select()
              .from(stockLevels)
              .where(
                and(
                  inArray(
                    stockLevels.skuId,
                    skuRows.map((s) => s.id),
                  ),
                  inArray(stockLevels.storeId, storeIds),
                ),
              )
          : [];
      const level = new Map(levels.map((l) => [`${l.skuId}|${l.storeId}`, l]));
      const skusOf = new Map<string, typeof skuRows>();
      for (const s of skuRows) {
        const list = skusOf.get(s.productId);
        if (list) list.push(s);
        else skusOf.set(s.productId, [s]);
      }
      for (const id of ids) {
        const p = byId.get(id);
        if (!p) continue; // deleted while exporting
        const variantGroups = p.optionGroups.filter((g) => g.variant);
        for (const s of skusOf.get(id) ?? []) {
          const known = variantGroups.filter((g) => s.options[g.code]).map((g) => g.code);
          const keys = [...known, ...Object.keys(s.options).filter((k) => !known.includes(k))];
          yield [
            cats.path(p.categoryId),
            p.name,
            p.description ?? '',
            p.unit,
            p.tags.join(';'),
            s.code,
            formatOptions(keys.map((k) => [k, s.options[k]!])),
            xlsx ? s.price / 100 : formatYuan(s.price),
            s.active,
            ...visible.map((st) => {
              const l = level.get(`${s.id}|${st.id}`);
              return l?.tracked ? l.onHand : null;
            }),
          ];
        }
      }
    }
  }

  const date = localDate(ctx.clock.now(), allStores[0]?.timezone ?? DEFAULT_TIME_ZONE);
  const ext = xlsx ? 'xlsx' : 'csv';
  return sendDownload(reply, {
    contentType: xlsx ? spreadsheetTypes.xlsx : `${spreadsheetTypes.csv}; charset=utf-8`,
    filename: `${fileLabel[locale]}-${date}.${ext}`,
    asciiFilename: `catalog-${date}.${ext}`,
    write: (out) => {
      if (!xlsx) return writeCsv(out, headers, rows());
      const widths: XlsxColumn[] = [
        { width: 20 },
        { width: 28 },
        { width: 36 },
        { width: 8 },
        { width: 18 },
        { width: 18 },
        { width: 26 },
        { width: 12, numFmt: '0.00' },
        { width: 8 },
        ...visible.map(() => ({ width: 10 })),
      ];
      return writeXlsx(out, { name: sheetName[locale], headers, columns: widths }, rows());
    },
  });
}
