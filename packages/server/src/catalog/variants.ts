import type { FieldError } from '@orderloop/contract';
import type { OptionGroup } from '../db/catalog-schema.ts';

type SkuIn = { code: string; options: Record<string, string> };

/**
 * Checks that SKUs and variant groups agree: every SKU names one value of each variant group and
 * nothing else, no two SKUs share a combination or a code. Returns every problem, by field.
 */
export function checkVariants(groups: OptionGroup[], skus: SkuIn[], where = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, code: string, message: string) =>
    errors.push({ field: `${where}.${field}`, code, message });
  const groupCodes = new Set<string>();
  groups.forEach((g, i) => {
    if (groupCodes.has(g.code))
      push(`optionGroups.${i}.code`, 'duplicate', `option group ${g.code} appears twice`);
    groupCodes.add(g.code);
    const values = new Set<string>();
    g.values.forEach((v, j) => {
      if (values.has(v.code))
        push(`optionGroups.${i}.values.${j}.code`, 'duplicate', `value ${v.code} appears twice in ${g.code}`);
      values.add(v.code);
    });
  });
  const variantGroups = groups.filter((g) => g.variant);
  const combos = new Set<string>();
  const codes = new Set<string>();
  skus.forEach((s, i) => {
    const upper = s.code.toUpperCase();
    if (codes.has(upper)) push(`skus.${i}.code`, 'duplicate', `SKU code ${s.code} appears twice`);
    codes.add(upper);
    for (const key of Object.keys(s.options)) {
      if (!variantGroups.some((g) => g.code === key))
        push(`skus.${i}.options.${key}`, 'unknown_option', `${key} is not a variant option group`);
    }
    for (const g of variantGroups) {
      const v = s.options[g.code];
      if (!v) push(`skus.${i}.options.${g.code}`, 'missing_option', `choose a ${g.name}`);
      else if (!g.values.some((x) => x.code === v))
        push(`skus.${i}.options.${g.code}`, 'unknown_value', `${v} is not a value of ${g.name}`);
    }
    const combo = variantGroups.map((g) => s.options[g.code] ?? '').join('|');
    if (combos.has(combo)) push(`skus.${i}.options`, 'duplicate', 'another SKU has the same options');
    combos.add(combo);
  });
  return errors;
}

/** "大碗 / 黑色" — the SKU's variant values by name, in group order. */
export function skuLabel(groups: OptionGroup[], options: Record<string, string>): string {
  return groups
    .filter((g) => g.variant && options[g.code])
    .map((g) => g.values.find((v) => v.code === options[g.code])?.name ?? options[g.code])
    .join(' / ');
}
