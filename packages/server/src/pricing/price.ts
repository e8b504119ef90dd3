/**
 * The one pricing function. Everything is integer minor units; the server calls this on every
 * path that creates or changes an order, and never trusts a client's price or total.
 *
 * Rounding rule (documented for merchants and auditors):
 *  1. Unit prices are whole minor units (base or price list, plus option deltas).
 *  2. A percent discount on a line is rounded half away from zero, once per line (not per unit).
 *  3. An order-level discount is spread over lines in proportion to their net amounts, by the
 *     largest-remainder method, so the shares add up to the discount exactly.
 *  4. Tax is computed per line on its net amount (and per fee), rounded half away from zero;
 *     inclusive tax is the part of the gross: gross − round(gross / (1 + rate)).
 *  5. Totals are sums of the rounded line figures, so lines always add up to the total.
 */
export type Discount = { kind: 'amount' | 'percent'; value: number };
export type PriceBreak = { minQuantity: number; price: number };

export type PricingLineInput = {
  key: string;
  quantity: number;
  basePrice: number;
  optionDelta?: number;
  /** The customer's price list entries for this SKU (quantity breaks), if any. */
  listPrices?: PriceBreak[];
  discount?: Discount | null;
  /** A manual unit price; the caller has already checked orders.override_price. */
  overridePrice?: number | null;
};

export type PricingInput = {
  lines: PricingLineInput[];
  orderDiscount?: Discount | null;
  fees?: { code: string; amount: number }[];
  tax: { mode: 'inclusive' | 'exclusive'; rateBasisPoints: number };
};

export type PricedLine = {
  key: string;
  quantity: number;
  unitPrice: number;
  priceSource: 'base' | 'price_list' | 'override';
  gross: number;
  lineDiscount: number;
  orderDiscount: number;
  net: number;
  tax: number;
  total: number;
};

export type PricingResult = {
  lines: PricedLine[];
  fees: { code: string; amount: number; tax: number }[];
  subtotal: number;
  discount: number;
  feesTotal: number;
  tax: number;
  total: number;
};

/** Half away from zero, exact for the integer ratios used here. */
export function roundDiv(numerator: number, denominator: number): number {
  const q = Math.abs(numerator) / Math.abs(denominator);
  const sign = Math.sign(numerator) * Math.sign(denominator);
  return sign * Math.floor(q + 0.5 + 1e-9);
}

const percentOf = (amount: number, percent: number) => roundDiv(amount * Math.round(percent * 100), 10_000);

function discountAmount(amount: number, d: Discount | null | undefined): number {
  if (!d || amount <= 0) return 0;
  const raw = d.kind === 'amount' ? d.value : percentOf(amount, d.value);
  return Math.max(0, Math.min(amount, raw));
}

/** Best price for the quantity: the price list's highest break reached, else the base price. */
export function unitPriceFor(line: PricingLineInput): {
  unitPrice: number;
  source: PricedLine['priceSource'];
} {
  const delta = line.optionDelta ?? 0;
  if (line.overridePrice != null) return { unitPrice: line.overridePrice, source: 'override' };
  const reached = (line.listPrices ?? [])
    .filter((b) => b.minQuantity <= line.quantity)
    .sort((a, b) => b.minQuantity - a.minQuantity)[0];
  if (reached) return { unitPrice: reached.price + delta, source: 'price_list' };
  return { unitPrice: line.basePrice + delta, source: 'base' };
}

/** Splits `amount` over `weights` in proportion, shares summing to `amount` exactly. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!amount || !total) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const shares = exact.map(Math.floor);
  let left = amount - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

function taxOf(amount: number, tax: PricingInput['tax']): number {
  if (!tax.rateBasisPoints || amount <= 0) return 0;
  if (tax.mode === 'exclusive') return roundDiv(amount * tax.rateBasisPoints, 10_000);
  return amount - roundDiv(amount * 10_000, 10_000 + tax.rateBasisPoints);
}

export function price(input: PricingInput): PricingResult {
  const stage = input.lines.map((l) => {
    const { unitPrice, source } = unitPriceFor(l);
    const gross = Math.max(0, unitPrice) * l.quantity;
    const lineDiscount = discountAmount(gross, l.discount);
    return { l, unitPrice, source, gross, lineDiscount, afterLine: gross - lineDiscount };
  });
  const afterLines = stage.reduce((a, s) => a + s.afterLine, 0);
  const orderDiscountTotal = discountAmount(afterLines, input.orderDiscount);
  const shares = allocate(
    orderDiscountTotal,
    stage.map((s) => s.afterLine),
  );
  const lines: PricedLine[] = stage.map((s, i) => {
    const net = s.afterLine - shares[i]!;
    const tax = taxOf(net, input.tax);
    return {
      key: s.l.key,
      quantity: s.l.quantity,
      unitPrice: s.unitPrice,
      priceSource: s.source,
      gross: s.gross,
      lineDiscount: s.lineDiscount,
      orderDiscount: shares[i]!,
      net,
      tax,
      total: input.tax.mode === 'exclusive' ? net + tax : net,
    };
  });
  const fees = (input.fees ?? [])
    .filter((f) => f.amount > 0)
    .map((f) => ({ ...f, tax: taxOf(f.amount, input.tax) }));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const feesTotal = sum(fees.map((f) => f.amount));
  const tax = sum(lines.map((l) => l.tax)) + sum(fees.map((f) => f.tax));
  const net = sum(lines.map((l) => l.net));
  return {
    lines,
    fees,
    subtotal: sum(lines.map((l) => l.gross)),
    discount: sum(lines.map((l) => l.lineDiscount + l.orderDiscount)),
    feesTotal,
    tax,
    total: input.tax.mode === 'exclusive' ? net + feesTotal + tax : net + feesTotal,
  };
}
