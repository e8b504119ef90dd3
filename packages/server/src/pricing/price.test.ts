import { describe, expect, it } from 'vitest';
import { allocate, price, roundDiv, unitPriceFor } from './price.ts';

const noTax = { mode: 'exclusive' as const, rateBasisPoints: 0 };

describe('roundDiv', () => {
  it('rounds half away from zero', () => {
    expect([roundDiv(5, 2), roundDiv(-5, 2), roundDiv(4, 3), roundDiv(7, 4), roundDiv(1, 3)]).toEqual([
      3, -3, 1, 2, 0,
    ]);
  });
});

describe('allocate', () => {
  it('splits exactly, largest remainders first, ties to the earlier line', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [500, 300, 200])).toEqual([5, 3, 2]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('unit price', () => {
  it('takes the highest quantity break reached, plus option deltas', () => {
    const l = {
      key: 'a',
      quantity: 60,
      basePrice: 10000,
      optionDelta: 500,
      listPrices: [
        { minQuantity: 1, price: 9000 },
        { minQuantity: 50, price: 8000 },
      ],
    };
    expect(unitPriceFor(l)).toEqual({ unitPrice: 8500, source: 'price_list' });
    expect(unitPriceFor({ ...l, quantity: 49 })).toEqual({ unitPrice: 9500, source: 'price_list' });
    expect(unitPriceFor({ ...l, listPrices: [] })).toEqual({ unitPrice: 10500, source: 'base' });
    expect(unitPriceFor({ ...l, overridePrice: 7000 })).toEqual({ unitPrice: 7000, source: 'override' });
  });
});

describe('price', () => {
  it('applies line then order discounts, fees, and adds up exactly', () => {
    const r = price({
      lines: [
        { key: 'a', quantity: 3, basePrice: 333, discount: { kind: 'percent', value: 10 } },
        { key: 'b', quantity: 1, basePrice: 1000 },
      ],
      orderDiscount: { kind: 'amount', value: 100 },
      fees: [{ code: 'packaging', amount: 200 }],
      tax: noTax,
    });
    // a: 999 gross, 10 % = 99.9 → 100; b: 1000. Order discount 100 over 899 : 1000.
    expect(r.lines.map((l) => [l.gross, l.lineDiscount, l.orderDiscount, l.net])).toEqual([
      [999, 100, 47, 852],
      [1000, 0, 53, 947],
    ]);
    expect(r).toMatchObject({ subtotal: 1999, discount: 200, feesTotal: 200, tax: 0, total: 1999 });
  });

  it('never discounts below zero', () => {
    const r = price({
      lines: [{ key: 'a', quantity: 1, basePrice: 500, discount: { kind: 'amount', value: 9999 } }],
      orderDiscount: { kind: 'percent', value: 50 },
      tax: noTax,
    });
    expect(r.total).toBe(0);
  });

  it('adds exclusive tax per line and per fee', () => {
    const r = price({
      lines: [{ key: 'a', quantity: 1, basePrice: 1005 }],
      fees: [{ code: 'delivery', amount: 500 }],
      tax: { mode: 'exclusive', rateBasisPoints: 600 },
    });
    // 1005 × 6 % = 60.3 → 60; 500 × 6 % = 30
    expect([r.tax, r.total]).toEqual([90, 1595]);
  });

  it('extracts inclusive tax from the gross without changing the total', () => {
    const r = price({
      lines: [{ key: 'a', quantity: 2, basePrice: 1060 }],
      tax: { mode: 'inclusive', rateBasisPoints: 600 },
    });
    // 2120 / 1.06 = 2000 → tax 120
    expect([r.lines[0]!.tax, r.tax, r.total]).toEqual([120, 120, 2120]);
  });

  it('keeps the invariant total = Σ line totals + fees (+ fee tax) for many random carts', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const mode = rnd(2) ? ('inclusive' as const) : ('exclusive' as const);
      const r = price({
        lines: Array.from({ length: 1 + rnd(6) }, (_, k) => ({
          key: String(k),
          quantity: 1 + rnd(20),
          basePrice: rnd(100_000),
          discount: rnd(3)
            ? null
            : { kind: rnd(2) ? ('percent' as const) : ('amount' as const), value: rnd(40) },
        })),
        orderDiscount: rnd(2) ? { kind: 'percent', value: rnd(30) + 0.5 } : null,
        fees: [{ code: 'delivery', amount: rnd(1000) }],
        tax: { mode, rateBasisPoints: rnd(1300) },
      });
      const lineTotals = r.lines.reduce((a, l) => a + l.total, 0);
      const feeTax = mode === 'exclusive' ? r.fees.reduce((a, f) => a + f.tax, 0) : 0;
      expect(r.total).toBe(lineTotals + r.feesTotal + feeTax);
      expect(r.subtotal - r.discount).toBe(r.lines.reduce((a, l) => a + l.net, 0));
      for (const l of r.lines) expect(Number.isInteger(l.tax) && l.net >= 0).toBe(true);
    }
  });
});
