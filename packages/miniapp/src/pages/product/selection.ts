import type { MenuProduct } from '@orderloop/contract';

/** Chosen value per option group code. */
export type Selection = Record<string, string>;

/** Starts with each variant group on its first orderable value and each required modifier on its first. */
export function startSelection(p: MenuProduct): Selection {
  const sel: Selection = {};
  const firstSku = p.skus.find((s) => !s.unavailable) ?? p.skus[0];
  for (const g of p.optionGroups) {
    if (g.variant && firstSku?.options[g.code]) sel[g.code] = firstSku.options[g.code]!;
    else if (!g.variant && g.required && g.values[0]) sel[g.code] = g.values[0].code;
  }
  return sel;
}

/**
 * The SKU the variant choices name, the modifiers (non-variant choices) with their price delta and
 * label, and the required groups still unchosen. The delta is shown only: the cart's price is the
 * server's quote.
 */
export function pickSku(p: MenuProduct, sel: Selection) {
  const variants = p.optionGroups.filter((g) => g.variant);
  const sku =
    p.skus.find((s) => variants.every((g) => s.options[g.code] === sel[g.code])) ??
    (variants.length ? null : (p.skus[0] ?? null));
  const modifiers: Selection = {};
  const names: string[] = [];
  let delta = 0;
  for (const g of p.optionGroups.filter((x) => !x.variant)) {
    const v = g.values.find((x) => x.code === sel[g.code]);
    if (!v) continue;
    modifiers[g.code] = v.code;
    names.push(v.name);
    delta += v.priceDelta;
  }
  const missing = p.optionGroups.filter((g) => g.required && !sel[g.code]).map((g) => g.code);
  return { sku, modifiers, modifiersLabel: names.join(' / '), delta, missing };
}
