import {
  type CatalogImportResult,
  catalogImportLimits,
  type catalogImportQuery,
  type Locale,
} from '@orderloop/contract';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { categories, products, skus, stockLevels } from '../db/catalog-schema.ts';
import type { DbOrTx, Tx } from '../db/connect.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import type { UploadedFile } from '../http/register.ts';
import { ConflictError, isUniqueViolation } from '../lib/errors.ts';
import {
  type CellError,
  matchHeaders,
  readUpload,
  sheetMessages,
  sheetProblem,
  type Table,
  validateRows,
} from '../spreadsheets/index.ts';
import { type CatalogState, type ImportPlan, planImport, type SourceRow } from './import-plan.ts';
import { requireCatalogWrite } from './product-write.ts';
import {
  CATEGORY_SEPARATOR,
  type CatalogColumn,
  catalogColumns,
  headerAliases,
  importColumns,
  type SheetRow,
} from './sheet-format.ts';

const CHUNK = 500;

/**
 * Imports a catalog spreadsheet (the export's layout, headers in any of the three languages):
 * read → check every cell → check rows against each other and the catalog → if anything is wrong,
 * a 400 listing every bad cell and nothing written; else one transaction and one audit entry.
 * A dry run does all the checking and counting and writes nothing.
 */
export async function importCatalog(
  ctx: Ctx,
  file: UploadedFile,
  q: z.output<typeof catalogImportQuery>,
): Promise<CatalogImportResult> {
  const scope = requireCatalogWrite(ctx);
  const businessId = scope.actor.businessId;
  const dryRun = q.dryRun === 'true';
  const { format, table } = await readUpload(file, catalogImportLimits.maxRows);

  const storeList = await ctx.db
    .select({ id: stores.id, code: stores.code })
    .from(stores)
    .where(eq(stores.businessId, businessId))
    .orderBy(asc(stores.code));
  const { rows, sheetErrors, warnings, present, headerOf, cellErrors } = checkCells(
    table,
    ctx.locale,
    storeList.map((s) => s.code),
  );

  const plan = async (db: DbOrTx) => {
    const state = await loadState(db, businessId);
    const planned = planImport(rows, state, present, headerOf, ctx.locale);
    const errors = [...cellErrors, ...sheetErrors, ...planned.errors];
    if (errors.length) throw sheetProblem(errors, warnings, table.headers, 'import.invalid');
    return { plan: planned.plan, state };
  };

  let result: { plan: ImportPlan; state: CatalogState };
  if (dryRun) {
    result = await plan(ctx.db);
  } else {
    try {
      result = await ctx.db.transaction(async (tx) => {
        // one import at a time per business, so two uploads cannot both create the same product
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`catalog-import:${businessId}`}))`);
        const r = await plan(tx);
        await apply(
          tx,
          businessId,
          r.plan,
          storeList.map((s) => s.id),
          ctx.clock.now(),
        );
        await recordAudit(tx, ctx, {
          action: 'catalog.imported',
          entityType: 'catalog',
          entityId: businessId,
          after: {
            format,
            rows: table.rows.length,
            categoriesCreated: r.plan.newCategories.length,
            products: r.plan.counts.products,
            skus: r.plan.counts.skus,
          },
        });
        return r;
      });
    } catch (err) {
      // a product or SKU saved through the API while we imported
      if (isUniqueViolation(err)) throw new ConflictError('CONFLICT', { key: 'import.changed' });
      throw err;
    }
  }
  const names = new Map(result.state.categories.map((c) => [c.id, c.name]));
  for (const c of result.plan.newCategories) names.set(c.id, c.name);
  return {
    dryRun,
    rows: table.rows.length,
    categories: {
      created: result.plan.newCategories.length,
      names: result.plan.newCategories.map((c) =>
        c.parentId ? `${names.get(c.parentId)}${CATEGORY_SEPARATOR}${c.name}` : c.name,
      ),
    },
    products: result.plan.counts.products,
    skus: result.plan.counts.skus,
    warnings,
  };
}

/**
 * Checks every cell with validateRows, then keeps, for every row, the values of the cells that
 * passed — so the checks across rows (duplicates, products, options) run on bad rows too and one
 * round of fixes is enough.
 */
function checkCells(table: Table, locale: Locale, storeCodes: string[]) {
  const columns = importColumns(locale, storeCodes);
  const checked = validateRows<SheetRow>(table, columns, locale);
  const { bound } = matchHeaders(table.headers, columns, locale);
  const headerByKey = new Map<CatalogColumn, string>();
  for (const b of bound)
    if ((catalogColumns as readonly string[]).includes(b.spec.key))
      headerByKey.set(b.spec.key as CatalogColumn, b.header);
  const present = new Set(headerByKey.keys());
  const headerOf = (c: CatalogColumn) => headerByKey.get(c) ?? c;

  // The category column must be there (products are found by name within their category), but a
  // product without a category leaves its cell empty.
  const sheetErrors: CellError[] = [];
  if (!present.has('category')) {
    const t = sheetMessages(locale);
    const accepted = headerAliases('category');
    sheetErrors.push({ row: 1, column: 'category', value: '', message: t.missingColumn(t.list(accepted)) });
  }

  const failed = new Map<number, Set<string>>();
  for (const e of checked.errors) {
    const set = failed.get(e.row) ?? new Set<string>();
    set.add(e.column);
    failed.set(e.row, set);
  }
  const good = new Map(checked.rows.map((r) => [r.rowNumber, r.value]));
  const specOf = new Map(columns.map((c) => [c.key, c]));
  const rows: SourceRow[] = table.rows.map(({ rowNumber, cells }) => {
    const raw: SourceRow['raw'] = {};
    const bad = new Set<CatalogColumn>();
    const partial: Record<string, unknown> = {};
    for (const [key, header] of headerByKey) {
      const text = cells[header] ?? '';
      raw[key] = text;
      if (failed.get(rowNumber)?.has(header)) {
        bad.add(key);
        continue;
      }
      partial[key] = text === '' ? undefined : specOf.get(key)!.schema.parse(text);
    }
    return { rowNumber, raw, value: good.get(rowNumber) ?? (partial as SheetRow), failed: bad };
  });
  return { rows, sheetErrors, cellErrors: checked.errors, warnings: checked.warnings, present, headerOf };
}

async function loadState(db: DbOrTx, businessId: string): Promise<CatalogState> {
  const [cats, prods, skuRows] = await Promise.all([
    db
      .select({ id: categories.id, parentId: categories.parentId, name: categories.name })
      .from(categories)
      .where(eq(categories.businessId, businessId)),
    db
      .select({
        id: products.id,
        categoryId: products.categoryId,
        name: products.name,
        description: products.description,
        unit: products.unit,
        tags: products.tags,
        optionGroups: products.optionGroups,
      })
      .from(products)
      .where(eq(products.businessId, businessId)),
    db
      .select({
        id: skus.id,
        productId: skus.productId,
        code: skus.code,
        options: skus.options,
        price: skus.price,
        active: skus.active,
      })
      .from(skus)
      .where(eq(skus.businessId, businessId)),
  ]);
  return { categories: cats, products: prods, skus: skuRows };
}

function* chunks<T>(list: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** Writes the plan; the caller's transaction makes it all or nothing. */
async function apply(tx: Tx, businessId: string, plan: ImportPlan, storeIds: string[], now: Date) {
  if (plan.newCategories.length)
    await tx.insert(categories).values(plan.newCategories.map((c) => ({ ...c, businessId })));
  for (const part of chunks(plan.newProducts))
    await tx.insert(products).values(part.map((p) => ({ ...p, businessId, createdAt: now })));
  for (const u of plan.productUpdates) await tx.update(products).set(u.set).where(eq(products.id, u.id));
  for (const part of chunks(plan.newSkus)) {
    await tx.insert(skus).values(part.map((s) => ({ ...s, businessId })));
    // new SKUs start untracked (unlimited) in every store, as when created through the API
    const levels = part.flatMap((s) => storeIds.map((storeId) => ({ skuId: s.id, storeId, tracked: false })));
    for (const l of chunks(levels, 1000)) await tx.insert(stockLevels).values(l);
  }
  // a price list re-imported changes thousands of SKUs: one UPDATE … FROM (VALUES …) per chunk
  for (const part of chunks(plan.skuUpdates)) {
    const values = sql.join(
      part.map(
        ({ id, set }) =>
          sql`(${id}::uuid, ${set.price ?? null}::integer, ${set.active ?? null}::boolean, ${set.options ? JSON.stringify(set.options) : null}::jsonb)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      UPDATE ${skus} AS s
      SET price = COALESCE(v.price, s.price),
          active = COALESCE(v.active, s.active),
          options = COALESCE(v.options, s.options)
      FROM (VALUES ${values}) AS v(id, price, active, options)
      WHERE s.id = v.id`);
  }
}
