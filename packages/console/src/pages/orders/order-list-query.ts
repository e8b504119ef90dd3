import { orderSortSchema, type RouteInput, type routes } from '@orderloop/contract';
import { toMinor } from '../../lib/money.ts';
import { nextDay, startOfDay } from '../../lib/zoned-date.ts';

/** The list's state as the URL carries it: readable, shareable, restored by Back. */
export const orderFilterKeys = [
  'q',
  'state',
  'storeId',
  'customerId',
  'salesRepId',
  'channel',
  'paymentStatus',
  'fulfilment',
  'tag',
  'from',
  'to',
  'min',
  'max',
  'sort',
] as const;
export type OrderFilterKey = (typeof orderFilterKeys)[number];
export type OrderFilters = Record<OrderFilterKey, string>;
export type OrderSort = (typeof orderSortSchema.options)[number];
type ListQuery = NonNullable<RouteInput<typeof routes.listOrders>['query']>;

/** Filters shown behind "more filters" unless one of them is set. */
export const secondaryFilterKeys: OrderFilterKey[] = [
  'salesRepId',
  'channel',
  'paymentStatus',
  'fulfilment',
  'tag',
  'min',
  'max',
];

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const amount = (v: string, currency: string) => {
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? toMinor(n, currency) : undefined;
};

export const sortOf = (filters: OrderFilters): OrderSort => {
  const parsed = orderSortSchema.safeParse(filters.sort);
  return parsed.success ? parsed.data : '-createdAt';
};

/**
 * URL filters → GET /api/orders query: dates are whole days in the store's time zone (the "to" day
 * included), amounts are typed in the currency's major unit and sent in minor units.
 */
export function toListQuery(
  f: OrderFilters,
  { currency, timeZone }: { currency: string; timeZone?: string },
): ListQuery {
  return {
    q: f.q || undefined,
    state: f.state || undefined,
    storeId: f.storeId || undefined,
    customerId: f.customerId || undefined,
    salesRepId: f.salesRepId || undefined,
    channel: f.channel || undefined,
    paymentStatus: f.paymentStatus || undefined,
    fulfilment: f.fulfilment || undefined,
    tag: f.tag || undefined,
    createdFrom: isDay(f.from) ? startOfDay(f.from, timeZone) : undefined,
    createdTo: isDay(f.to) ? startOfDay(nextDay(f.to), timeZone) : undefined,
    totalMin: amount(f.min, currency),
    totalMax: amount(f.max, currency),
    sort: sortOf(f),
  };
}

export const csvValues = (v: string) => (v ? v.split(',').filter(Boolean) : []);
