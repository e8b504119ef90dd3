import type { AvailabilityWindow } from '../db/catalog-schema.ts';

export type Unavailable = 'inactive' | 'not_in_store' | 'outside_hours' | 'sold_out' | 'out_of_stock';

/** Day of week (0 = Sunday) and "HH:MM" of an instant in a store's time zone. */
export function localTime(at: Date, timeZone: string): { day: number; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day, hhmm: `${get('hour')}:${get('minute')}` };
}

/** Whether a local time falls in a window; a window past midnight (22:00–02:00) wraps. */
export function inWindows(windows: AvailabilityWindow[], local: { day: number; hhmm: string }): boolean {
  return windows.some((w) => {
    if (w.from <= w.to) return w.days.includes(local.day) && local.hhmm >= w.from && local.hhmm < w.to;
    const yesterday = (local.day + 6) % 7;
    return (
      (w.days.includes(local.day) && local.hhmm >= w.from) ||
      (w.days.includes(yesterday) && local.hhmm < w.to)
    );
  });
}

export type ProductOffer = {
  active: boolean;
  availableStoreIds: string[] | null;
  availableWindows: AvailabilityWindow[] | null;
  soldOutStoreIds: string[];
};

/** Why a product cannot be ordered in this store at this moment, or null when it can. */
export function unavailableReason(
  p: ProductOffer,
  store: { id: string; timezone: string },
  at: Date,
): Unavailable | null {
  if (!p.active) return 'inactive';
  if (p.availableStoreIds && !p.availableStoreIds.includes(store.id)) return 'not_in_store';
  if (p.soldOutStoreIds.includes(store.id)) return 'sold_out';
  if (p.availableWindows?.length && !inWindows(p.availableWindows, localTime(at, store.timezone)))
    return 'outside_hours';
  return null;
}
