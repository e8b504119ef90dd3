import type { Locale } from '@orderloop/contract';
import type { OptionGroup } from '../db/catalog-schema.ts';
import { newId } from '../lib/ids.ts';
import type { CellError } from '../spreadsheets/index.ts';
import { CATEGORY_SEPARATOR, type CatalogColumn, type SheetRow, sheetText } from './sheet-format.ts';

/** What the import needs to know of the business's catalog. */
export type CatalogState = {
  categories: { id: string; parentId: string | null; name: string }[];
  products: {
    id: string;
    categoryId: string | null;
    name: string;
    description: string | null;
    unit: string;
    tags: string[];
    optionGroups: OptionGroup[];
  }[];
  skus: {
    id: string;
    productId: string;
    code: string;
    options: Record<string, string>;
    price: number;
    active: boolean;
  }[];
};

/**
 * One data row: its cells as written, their checked values (a cell that failed its own check is
 * left out) and which cells failed.
 */
export type SourceRow = {
  rowNumber: number;
  raw: Partial<Record<CatalogColumn, string>>;
  value: SheetRow;
  failed: Set<CatalogColumn>;
};

type ProductFields = Pick<
  CatalogState['products'][number],
  'categoryId' | 'name' | 'description' | 'unit' | 'tags' | 'optionGroups'
>;
type SkuFields = { code: string; options: Record<string, string>; price: number; active: boolean };

export type ImportPlan = {
  newCategories: { id: string; parentId: string | null; name: string }[];
  newProducts: ({ id: string } & ProductFields)[];
  productUpdates: { id: string; set: Partial<ProductFields> }[];
  newSkus: ({ id: string; productId: string } & SkuFields)[];
  skuUpdates: { id: string; set: Partial<SkuFields> }[];
  counts: {
    products: { created: number; updated: number; unchanged: number };
    skus: { created: number; updated: number; unchanged: number };
  };
};

export const IMPORT_LIMITS = { skusPerProduct: 200, optionGroups: 10, optionValues: 30, categoryName: 60 };
const DEFAULT_UNIT = '份';
const CODE = /^[a-z0-9_-]{1,30}$/i;

/** Keys sorted, so two option maps compare by content. */
const canon = (o: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Turns checked rows into a plan against the current catalog, or into cell errors. Pure: reads
 * nothing, writes nothing. Rules (documented for users in the route's summary):
 * - a product is identified by its name within its category; a SKU by its code, business-wide;
 * - a missing category is created ("Parent / Child" makes a sub-category, one level deep);
 * - the product's own fields (description, unit, tags) are taken from the first of its rows that
 *   fills them; another row filling them differently is an error; a column left out of the file
 *   leaves that field as it is;
 * - variant options are matched to the product's option groups by code or name; new groups and
 *   values are added; afterwards every SKU of the product (also those not in the file) must name
 *   one value of each variant group, and no two SKUs the same combination;
 * - SKUs missing from the file are left alone (a file may hold part of the catalog); stock columns
 *   are never imported (stock changes go through adjustments and the ledger).
 */
export function planImport(
  rows: SourceRow[],
  state: CatalogState,
  columnsPresent: Set<CatalogColumn>,
  headerOf: (c: CatalogColumn) => string,
  locale: Locale,
): { errors: CellError[]; plan: ImportPlan } {
  const errors: CellError[] = [];
  const fail = (row: SourceRow, column: CatalogColumn, message: string) =>
    errors.push({ row: row.rowNumber, column: headerOf(column), value: row.raw[column] ?? '', message });
  const t = (key: Parameters<typeof sheetText>[1], vars?: Record<string, string | number>) =>
    sheetText(locale, key, vars);

  const plan: ImportPlan = {
    newCategories: [],
    newProducts: [],
    productUpdates: [],
    newSkus: [],
    skuUpdates: [],
    counts: {
      products: { created: 0, updated: 0, unchanged: 0 },
      skus: { created: 0, updated: 0, unchanged: 0 },
    },
  };

  // ——— SKU codes: unique within the file ———
  const firstRowOfCode = new Map<string, SourceRow>();
  for (const row of rows) {
    const code = row.value.sku;
    if (!code) continue;
    const first = firstRowOfCode.get(code);
    if (first) fail(row, 'sku', t('duplicateSku', { code, row: first.rowNumber }));
    else firstRowOfCode.set(code, row);
  }

  // ——— categories: resolve each distinct text once, creating what is missing ———
  const categoryById = new Map(state.categories.map((c) => [c.id, c]));
  const pending = new Map<string, string>(); // "parentId|name" of a category to create → its id
  const resolved = new Map<string, { id: string | null } | { error: string }>();
  const ensure = (parentId: string | null, name: string) => {
    const key = `${parentId ?? ''}|${name}`;
    let id = pending.get(key);
    if (!id) {
      id = newId();
      pending.set(key, id);
      plan.newCategories.push({ id, parentId, name });
    }
    return id;
  };
  const named = (name: string, parentId: string | null | undefined) =>
    state.categories.filter(
      (c) => c.name === name && (parentId === undefined ? true : c.parentId === parentId),
    );
  const resolveCategory = (text: string): { id: string | null } | { error: string } => {
    if (text === '') return { id: null };
    const top = named(text, null);
    if (top.length === 1) return { id: top[0]!.id };
    if (top.length > 1) return { error: t('categoryAmbiguous', { name: text }) };
    const parts = text.split('/').map((p) => p.trim());
    if (parts.length === 1) {
      const children = named(text, undefined);
      if (children.length === 1) return { id: children[0]!.id };
      if (children.length > 1) return { error: t('categoryAmbiguous', { name: text }) };
    }
    if (parts.length > 2) return { error: t('categoryDepth') };
    if (parts.some((p) => p === '' || p.length > IMPORT_LIMITS.categoryName))
      return { error: t('categoryName', { max: IMPORT_LIMITS.categoryName }) };
    if (parts.length === 1) return { id: ensure(null, text) };
    const [parentName, childName] = parts as [string, string];
    const parents = named(parentName, null);
    if (parents.length > 1) return { error: t('categoryAmbiguous', { name: parentName }) };
    if (!parents.length && named(parentName, undefined).length)
      return { error: t('categoryParentIsChild', { name: parentName }) };
    const parentId = parents[0]?.id ?? ensure(null, parentName);
    const children = named(childName, parentId);
    if (children.length > 1) return { error: t('categoryAmbiguous', { name: childName }) };
    return { id: children[0]?.id ?? ensure(parentId, childName) };
  };
  const categoryPath = (id: string | null) => {
    const c = id ? categoryById.get(id) : undefined;
    if (!c) return t('noCategory');
    const parent = c.parentId ? categoryById.get(c.parentId) : undefined;
    return parent ? `${parent.name}${CATEGORY_SEPARATOR}${c.name}` : c.name;
  };

  // ——— group rows into products by (category, name) ———
  const groups = new Map<
    string,
    { categoryId: string | null; ok: boolean; name: string; rows: SourceRow[] }
  >();
  for (const row of rows) {
    const name = row.value.product;
    if (!name) continue;
    const text = (row.value.category ?? '').trim();
    let r = resolved.get(text);
    if (!r) {
      r = resolveCategory(text);
      resolved.set(text, r);
    }
    if ('error' in r) fail(row, 'category', r.error);
    const key = 'error' in r ? `!${text}\u0000${name}` : `${r.id ?? ''}\u0000${name}`;
    let g = groups.get(key);
    if (!g) {
      g = { categoryId: 'error' in r ? null : r.id, ok: !('error' in r), name, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(row);
  }

  const skuByCode = new Map(state.skus.map((s) => [s.code.toUpperCase(), s]));
  const productById = new Map(state.products.map((p) => [p.id, p]));
  const productsByKey = new Map<string, CatalogState['products']>();
  for (const p of state.products) {
    const key = `${p.categoryId ?? ''}\u0000${p.name}`;
    const list = productsByKey.get(key);
    if (list) list.push(p);
    else productsByKey.set(key, [p]);
  }
  const skusByProduct = new Map<string, CatalogState['skus']>();
  for (const sku of state.skus) {
    const list = skusByProduct.get(sku.productId);
    if (list) list.push(sku);
    else skusByProduct.set(sku.productId, [sku]);
  }
  const counts = plan.counts;

  for (const g of groups.values()) {
    const first = g.rows[0]!;
    // the existing product, if any; a category about to be created holds none yet
    const matches = g.ok ? (productsByKey.get(`${g.categoryId ?? ''}\u0000${g.name}`) ?? []) : [];
    if (g.ok && matches.length > 1)
      fail(first, 'product', t('productAmbiguous', { count: matches.length, name: g.name }));
    const existing = g.ok && matches.length === 1 ? matches[0]! : undefined;

    // product fields: the first row that fills one decides; the others must agree
    const field = <K extends 'description' | 'unit' | 'tags'>(key: K): SheetRow[K] => {
      let decided: SourceRow | undefined;
      for (const row of g.rows) {
        const v = row.value[key];
        if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
        if (!decided) decided = row;
        else if (!same(v, decided.value[key]))
          fail(row, key, t('productFieldDiffers', { row: decided.rowNumber, value: decided.raw[key] ?? '' }));
      }
      return decided?.value[key];
    };
    const description = field('description');
    const unit = field('unit');
    const tags = field('tags');

    // option groups: the product's own, plus what the file names
    const optionGroups: OptionGroup[] = structuredClone(existing?.optionGroups ?? []);
    const skuOptions = new Map<SourceRow, Record<string, string> | null>();
    for (const row of g.rows) {
      if (!columnsPresent.has('options') || row.failed.has('options')) {
        skuOptions.set(row, null); // unknown: keep what the SKU has
        continue;
      }
      const options: Record<string, string> = {};
      let ok = true;
      for (const [key, value] of row.value.options ?? []) {
        let group = findByCodeOrName(optionGroups, key);
        if (!group) {
          group = {
            code: freeCode(key, optionGroups, 'opt'),
            name: key,
            variant: true,
            required: true,
            values: [],
          };
          optionGroups.push(group);
        }
        if (!group.variant) {
          fail(row, 'options', t('modifierNotVariant', { group: group.name }));
          ok = false;
          continue;
        }
        let v = findByCodeOrName(group.values, value);
        if (!v) {
          v = { code: freeCode(value, group.values, 'v'), name: value, priceDelta: 0 };
          group.values.push(v);
        }
        options[group.code] = v.code;
      }
      skuOptions.set(row, ok ? options : null);
    }
    if (optionGroups.length > IMPORT_LIMITS.optionGroups)
      fail(first, 'options', t('tooManyGroups', { max: IMPORT_LIMITS.optionGroups }));
    for (const og of optionGroups)
      if (og.values.length > IMPORT_LIMITS.optionValues)
        fail(first, 'options', t('tooManyValues', { group: og.name, max: IMPORT_LIMITS.optionValues }));

    // the SKUs the product will have: the file's, and its other active ones
    type Member = { row?: SourceRow; code: string; options: Record<string, string> | null };
    const members: Member[] = [];
    for (const row of g.rows) {
      const code = row.value.sku;
      if (!code) continue;
      if (firstRowOfCode.get(code) !== row) continue; // a duplicate, already reported
      const owner = skuByCode.get(code);
      // (a row whose category is wrong has no product to compare with: that error is enough)
      if (owner && g.ok && owner.productId !== existing?.id) {
        const other = productById.get(owner.productId);
        fail(
          row,
          'sku',
          t('skuOfOtherProduct', {
            code,
            product: other?.name ?? '?',
            category: categoryPath(other?.categoryId ?? null),
          }),
        );
        continue;
      }
      const options =
        skuOptions.get(row) ?? (owner ? owner.options : columnsPresent.has('options') ? null : {});
      members.push({ row, code, options });
    }
    if (existing) {
      const listed = new Set(g.rows.map((r) => r.value.sku));
      for (const s of skusByProduct.get(existing.id) ?? [])
        if (s.active && !listed.has(s.code.toUpperCase())) members.push({ code: s.code, options: s.options });
    }
    if (members.length > IMPORT_LIMITS.skusPerProduct)
      fail(first, 'product', t('tooManySkus', { max: IMPORT_LIMITS.skusPerProduct }));

    const variants = optionGroups.filter((og) => og.variant);
    const combos = new Map<string, Member>();
    // file rows first, so a clash with an untouched SKU is reported on the file's row
    for (const m of [...members].sort((a, b) => Number(!a.row) - Number(!b.row))) {
      if (!m.options) continue;
      const where = m.row ?? first;
      const missing = variants.filter((og) => !m.options![og.code]);
      for (const og of missing)
        fail(
          where,
          'options',
          m.row
            ? t('missingOption', { group: og.name })
            : t('existingMissingOption', { code: m.code, group: og.name }),
        );
      if (missing.length) continue;
      const combo = variants.map((og) => m.options![og.code]).join('\u0000');
      const clash = combos.get(combo);
      if (!clash) combos.set(combo, m);
      else if (m.row && clash.row) fail(m.row, 'options', t('duplicateCombo', { row: clash.row.rowNumber }));
      else fail(where, 'options', t('existingDuplicateCombo', { code: (m.row ? clash : m).code }));
    }

    // ——— the plan for this product ———
    const productId = existing?.id ?? newId();
    if (!existing) {
      plan.newProducts.push({
        id: productId,
        categoryId: g.categoryId,
        name: g.name,
        description: description ?? null,
        unit: unit ?? DEFAULT_UNIT,
        tags: tags ?? [],
        optionGroups,
      });
      counts.products.created++;
    } else {
      const set: Partial<ProductFields> = {};
      if (columnsPresent.has('description') && (description ?? null) !== existing.description)
        set.description = description ?? null;
      if (unit !== undefined && unit !== existing.unit) set.unit = unit;
      if (columnsPresent.has('tags') && !same(tags ?? [], existing.tags)) set.tags = tags ?? [];
      if (!same(optionGroups, existing.optionGroups)) set.optionGroups = optionGroups;
      if (Object.keys(set).length) {
        plan.productUpdates.push({ id: productId, set });
        counts.products.updated++;
      } else counts.products.unchanged++;
    }
    for (const m of members) {
      if (!m.row) continue;
      const { price, active } = m.row.value;
      const owner = skuByCode.get(m.code);
      if (!owner) {
        plan.newSkus.push({
          id: newId(),
          productId,
          code: m.code,
          options: m.options ?? {},
          price: price ?? 0,
          active: active ?? true,
        });
        counts.skus.created++;
        continue;
      }
      const set: Partial<SkuFields> = {};
      if (price !== undefined && price !== owner.price) set.price = price;
      if (active !== undefined && active !== owner.active) set.active = active;
      if (m.options && canon(m.options) !== canon(owner.options)) set.options = m.options;
      if (Object.keys(set).length) {
        plan.skuUpdates.push({ id: owner.id, set });
        counts.skus.updated++;
      } else counts.skus.unchanged++;
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { errors, plan };
}

function findByCodeOrName<T extends { code: string; name: string }>(list: T[], text: string): T | undefined {
  const lower = text.toLowerCase();
  return list.find((x) => x.code.toLowerCase() === lower) ?? list.find((x) => x.name === text);
}

/** The text itself when it is a usable code, else prefix1, prefix2… (names may be 大碗, codes may not). */
function freeCode(text: string, taken: { code: string }[], prefix: string): string {
  const used = new Set(taken.map((x) => x.code.toLowerCase()));
  if (CODE.test(text) && !used.has(text.toLowerCase())) return text;
  for (let i = taken.length + 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}
