import { describe, expect, it } from 'vitest';
import { paymentStatusOf, summaryOf } from './status.ts';

describe('paymentStatusOf', () => {
  it.each([
    [0, 0, 'unpaid'],
    [1, 0, 'partially_paid'],
    [9_999, 0, 'partially_paid'],
    [10_000, 0, 'paid'],
    [12_000, 0, 'paid'], // the order's total was lowered after it was paid
    [10_000, 10_000, 'refunded'],
    [4_000, 4_000, 'refunded'],
    [10_000, 3_000, 'partially_paid'],
  ] as const)('paid %i, refunded %i of 10000 → %s', (paid, refunded, status) => {
    expect(paymentStatusOf(10_000, { paid, refunded })).toBe(status);
  });

  it('summarises what is outstanding, never below zero', () => {
    const o = { total: 10_000, currency: 'CNY', version: 3 };
    expect(summaryOf(o, { paid: 4_000, refunded: 1_000 })).toEqual({
      currency: 'CNY',
      total: 10_000,
      paid: 4_000,
      refunded: 1_000,
      net: 3_000,
      outstanding: 7_000,
      paymentStatus: 'partially_paid',
      orderVersion: 3,
    });
    expect(summaryOf(o, { paid: 12_000, refunded: 0 }).outstanding).toBe(0);
  });
});
