import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMinor, moneyCell, wallClock } from './format.ts';

describe('amounts', () => {
  it('knows the decimals of each currency', () => {
    expect([currencyDigits('CNY'), currencyDigits('JPY'), currencyDigits('BHD')]).toEqual([2, 0, 3]);
    expect(currencyDigits('XX!')).toBe(2);
  });
  it('formats minor units without floating point', () => {
    expect(formatMinor(1234, 2)).toBe('12.34');
    expect(formatMinor(5, 2)).toBe('0.05');
    expect(formatMinor(-5, 2)).toBe('-0.05');
    expect(formatMinor(0, 2)).toBe('0.00');
    expect(formatMinor(1500, 0)).toBe('1500');
    expect(formatMinor(1_234_567, 3)).toBe('1234.567');
  });
  it('gives XLSX a number with the currency format', () => {
    expect(moneyCell(1500, 'JPY')).toMatchObject({ value: 1500, numFmt: '#,##0', text: '1500' });
    expect(moneyCell(1999, 'CNY')).toMatchObject({ value: 19.99, numFmt: '#,##0.00', text: '19.99' });
  });
});

describe('wall clock', () => {
  it('shows an instant in the zone, across a DST change', () => {
    const ny = wallClock('America/New_York');
    expect(ny.text(new Date('2026-03-08T06:59:59Z'))).toBe('2026-03-08 01:59:59');
    expect(ny.text(new Date('2026-03-08T07:00:00Z'))).toBe('2026-03-08 03:00:00');
    expect(wallClock('Asia/Tokyo').text(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-23 00:30:00');
    expect(wallClock('Asia/Kolkata').text(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01 05:30:00');
  });
  it('makes a date cell whose UTC fields are the wall clock', () => {
    const c = wallClock('Asia/Shanghai').cell(new Date('2026-11-22T02:03:04Z'));
    expect((c.value as Date).toISOString()).toBe('2026-11-22T10:03:04.000Z');
    expect(c.text).toBe('2026-11-22 10:03:04');
  });
});
