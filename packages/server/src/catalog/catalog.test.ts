import { describe, expect, it } from 'vitest';
import type { OptionGroup } from '../db/catalog-schema.ts';
import { inWindows, localTime, unavailableReason } from './availability.ts';
import { checkVariants, skuLabel } from './variants.ts';

const size: OptionGroup = {
  code: 'size',
  name: 'Size',
  variant: true,
  required: true,
  values: [
    { code: 's', name: 'Small', priceDelta: 0 },
    { code: 'l', name: 'Large', priceDelta: 300 },
  ],
};
const spice: OptionGroup = {
  code: 'spice',
  name: 'Spice',
  variant: false,
  required: true,
  values: [{ code: 'hot', name: 'Hot', priceDelta: 0 }],
};

describe('checkVariants', () => {
  it('accepts one SKU per variant combination, ignoring modifier groups', () => {
    expect(
      checkVariants(
        [size, spice],
        [
          { code: 'A-S', options: { size: 's' } },
          { code: 'A-L', options: { size: 'l' } },
        ],
      ),
    ).toEqual([]);
  });
  it('reports every problem with its field', () => {
    const errors = checkVariants(
      [size, spice],
      [
        { code: 'X', options: {} },
        { code: 'x', options: { size: 'xl' } },
        { code: 'Y', options: { size: 's', spice: 'hot' } },
      ],
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'body.skus.0.options.size:missing_option',
      'body.skus.1.code:duplicate',
      'body.skus.1.options.size:unknown_value',
      'body.skus.2.options.spice:unknown_option',
    ]);
  });
  it('refuses two SKUs with the same options', () => {
    expect(
      checkVariants(
        [size],
        [
          { code: 'A', options: { size: 's' } },
          { code: 'B', options: { size: 's' } },
        ],
      )[0]?.code,
    ).toBe('duplicate');
  });
  it('labels a SKU by its value names', () => {
    expect(skuLabel([size, spice], { size: 'l' })).toBe('Large');
  });
});

describe('availability', () => {
  it('reads the local time in the store time zone', () => {
    // 2026-11-22 is a Sunday; 23:30 UTC is Monday 07:30 in Shanghai
    expect(localTime(new Date('2026-11-22T23:30:00Z'), 'Asia/Shanghai')).toEqual({ day: 1, hhmm: '07:30' });
    expect(localTime(new Date('2026-11-22T23:30:00Z'), 'UTC')).toEqual({ day: 0, hhmm: '23:30' });
  });
  it('handles windows that cross midnight', () => {
    const late = [{ days: [5], from: '22:00', to: '02:00' }];
    expect(inWindows(late, { day: 5, hhmm: '23:00' })).toBe(true);
    expect(inWindows(late, { day: 6, hhmm: '01:59' })).toBe(true);
    expect(inWindows(late, { day: 6, hhmm: '02:00' })).toBe(false);
    expect(inWindows(late, { day: 4, hhmm: '23:00' })).toBe(false);
  });
  it('says why a product cannot be ordered', () => {
    const store = { id: 'A', timezone: 'Asia/Shanghai' };
    const breakfast = {
      active: true,
      availableStoreIds: null,
      availableWindows: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '06:30', to: '10:30' }],
      soldOutStoreIds: [],
    };
    expect(unavailableReason(breakfast, store, new Date('2026-11-22T00:00:00Z'))).toBeNull(); // 08:00 local
    expect(unavailableReason(breakfast, store, new Date('2026-11-22T06:00:00Z'))).toBe('outside_hours'); // 14:00
    expect(
      unavailableReason({ ...breakfast, soldOutStoreIds: ['A'] }, store, new Date('2026-11-22T00:00:00Z')),
    ).toBe('sold_out');
    expect(unavailableReason({ ...breakfast, availableStoreIds: ['B'] }, store, new Date())).toBe(
      'not_in_store',
    );
    expect(unavailableReason({ ...breakfast, active: false }, store, new Date())).toBe('inactive');
  });
});
