import type { RouteInput, Routes } from '@orderloop/contract';
import type { TextKey } from '../../lib/i18n';
import type { CartLine } from '../../state/cart';
import type { Fulfilment } from '../../state/shop';

export type Details = {
  tableNumber: string;
  pickupAt: string;
  address: string;
  requestedDate: string;
  notes: string;
  name: string;
  phone: string;
};

type Body = RouteInput<Routes['customerCreateOrder']>['body'];

/** The order to submit, or the first required field the chosen fulfilment still lacks. */
export function orderBody(
  storeId: string,
  fulfilment: Fulfilment,
  lines: CartLine[],
  d: Details,
  shownTotal: number | undefined,
): { body: Body } | { missing: TextKey } {
  const v = (s: string) => s.trim() || undefined;
  if (fulfilment === 'dine_in' && !v(d.tableNumber)) return { missing: 'confirm.tableNumber' };
  if (fulfilment === 'delivery' && !v(d.address)) return { missing: 'confirm.address' };
  const details = {
    dine_in: { tableNumber: v(d.tableNumber) },
    pickup: { pickupAt: v(d.pickupAt) },
    delivery: { address: v(d.address) },
    shipment: { requestedDate: v(d.requestedDate) },
  }[fulfilment];
  return {
    body: {
      storeId,
      fulfilment,
      lines: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, modifiers: l.modifiers })),
      fulfilmentDetails: details,
      contact: { name: v(d.name), phone: v(d.phone) },
      notes: v(d.notes) ?? null,
      clientTotal: shownTotal,
    },
  };
}

/** As soon as possible, then the next few quarter hours (from 15 minutes out), as RFC 3339 times. */
export function pickupSlots(now: Date, count = 4): { value: string; label: string }[] {
  const first = new Date(now.getTime() + 15 * 60_000);
  first.setSeconds(0, 0);
  first.setMinutes(Math.ceil(first.getMinutes() / 15) * 15);
  const p = (n: number) => String(n).padStart(2, '0');
  const slots = [{ value: '', label: '' }];
  for (let i = 0; i < count; i++) {
    const at = new Date(first.getTime() + i * 15 * 60_000);
    slots.push({ value: at.toISOString(), label: `${p(at.getHours())}:${p(at.getMinutes())}` });
  }
  return slots;
}
