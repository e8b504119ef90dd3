import type { OptionGroupInput, Product } from '@orderloop/contract';
import { toMajor, toMinor } from '../../lib/money.ts';

/** The product form's values: prices in major units (yuan) as people type them. */
export type ProductForm = {
  name: string;
  categoryId: string | null;
  description: string | null;
  unit: string;
  tags: string[];
  active: boolean;
  sort: number;
  optionGroups: OptionGroupInput[];
  skus: { code: string; options: Record<string, string>; price: number; active: boolean }[];
};

export const emptyProduct: ProductForm = {
  name: '',
  categoryId: null,
  description: null,
  unit: '份',
  tags: [],
  active: true,
  sort: 0,
  optionGroups: [],
  skus: [{ code: '', options: {}, price: 0, active: true }],
};

export function toForm(p: Product, currency: string): ProductForm {
  return {
    name: p.name,
    categoryId: p.categoryId,
    description: p.description,
    unit: p.unit,
    tags: p.tags,
    active: p.active,
    sort: p.sort,
    optionGroups: p.optionGroups.map((g) => ({
      ...g,
      values: g.values.map((v) => ({ ...v, priceDelta: toMajor(v.priceDelta, currency) })),
    })),
    // inactive SKUs stay in the list so saving does not lose them
    skus: p.skus.map((s) => ({
      code: s.code,
      options: s.options,
      price: toMajor(s.price, currency),
      active: s.active,
    })),
  };
}

/** The request body: minor units, options limited to the variant groups, empty values left out. */
export function toBody(v: ProductForm, currency: string) {
  const variantCodes = new Set(v.optionGroups.filter((g) => g.variant).map((g) => g.code));
  return {
    name: v.name,
    categoryId: v.categoryId ?? null,
    description: v.description || null,
    unit: v.unit,
    tags: v.tags ?? [],
    active: v.active,
    sort: v.sort ?? 0,
    optionGroups: (v.optionGroups ?? []).map((g) => ({
      ...g,
      values: (g.values ?? []).map((x) => ({ ...x, priceDelta: toMinor(x.priceDelta ?? 0, currency) })),
    })),
    skus: (v.skus ?? []).map((s) => ({
      code: s.code,
      options: Object.fromEntries(
        Object.entries(s.options ?? {}).filter(([k, x]) => variantCodes.has(k) && x),
      ) as Record<string, string>,
      price: toMinor(s.price ?? 0, currency),
      active: s.active,
    })),
  };
}
