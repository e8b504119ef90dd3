import { type Quote, routes } from '@orderloop/contract';
import { api } from '../lib/api';
import { session } from './session';
import { place } from './shop';
import { createStore } from './store';

export type CartLine = {
  key: string;
  skuId: string;
  productId: string;
  productName: string;
  skuLabel: string;
  modifiers: Record<string, string>;
  modifiersLabel: string;
  quantity: number;
};

/** The cart, kept in storage (an expired session keeps it) and bound to one store. */
export const cart = createStore<{ storeId: string | null; lines: CartLine[] }>(
  { storeId: null, lines: [] },
  'ol.cart',
);

/** The server's price of the current cart; totals are never computed on the phone. */
export const quote = createStore<{ data: Quote | null; pending: boolean; error: unknown; forLines: string }>({
  data: null,
  pending: false,
  error: null,
  forLines: '',
});

export const lineKey = (skuId: string, modifiers: Record<string, string>) =>
  `${skuId}|${Object.keys(modifiers)
    .sort()
    .map((k) => `${k}=${modifiers[k]}`)
    .join(',')}`;

export const cartCount = (lines: CartLine[]) => lines.reduce((n, l) => n + l.quantity, 0);

function edit(fn: (lines: CartLine[]) => CartLine[]) {
  const storeId = place.get().storeId;
  cart.set((c) => ({
    storeId,
    // a cart belongs to the store it was filled in
    lines: fn(c.storeId === storeId ? c.lines : []).filter((l) => l.quantity > 0),
  }));
  scheduleQuote();
}

export function addLine(line: Omit<CartLine, 'key' | 'quantity'>, quantity = 1) {
  const key = lineKey(line.skuId, line.modifiers);
  edit((lines) =>
    lines.some((l) => l.key === key)
      ? lines.map((l) => (l.key === key ? { ...l, quantity: l.quantity + quantity } : l))
      : [...lines, { ...line, key, quantity }],
  );
}

export const setQuantity = (key: string, quantity: number) =>
  edit((lines) =>
    lines.map((l) => (l.key === key ? { ...l, quantity: Math.max(0, Math.min(99, quantity)) } : l)),
  );
export const removeLine = (key: string) => edit((lines) => lines.filter((l) => l.key !== key));
export const clearCart = () => edit(() => []);

let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Re-prices the cart shortly after the last change; a late answer for an older cart is dropped. */
export function scheduleQuote(delayMs = 250) {
  if (timer) clearTimeout(timer);
  // the error is kept in the quote state, where the cart bar offers a retry
  timer = setTimeout(() => refreshQuote().catch(() => {}), delayMs);
}

/** What a quote was asked for: a quote is shown only for exactly the cart on screen. */
export const signatureOf = (storeId: string | null, fulfilment: string | null, lines: CartLine[]) =>
  JSON.stringify([storeId, fulfilment, lines.map((l) => [l.key, l.quantity])]);

export async function refreshQuote(fulfilment = place.get().fulfilment) {
  const { storeId, lines } = cart.get();
  const signature = signatureOf(storeId, fulfilment, lines);
  if (!storeId || !fulfilment || !lines.length || !session.get().token) {
    quote.set({ data: null, pending: false, error: null, forLines: signature });
    return null;
  }
  const mine = ++seq;
  quote.set((q) => ({ ...q, pending: true, error: null }));
  try {
    const data = await api.call(routes.customerQuote, {
      body: {
        storeId,
        fulfilment,
        lines: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, modifiers: l.modifiers })),
      },
    });
    if (mine === seq) quote.set({ data, pending: false, error: null, forLines: signature });
    return data;
  } catch (error) {
    if (mine === seq) quote.set((q) => ({ ...q, pending: false, error }));
    throw error;
  }
}

/**
 * Reorder: the lines of a past order go into the cart of its store, to be priced again by the
 * server (today's prices and availability, never the old order's).
 */
export function reorderLines(
  storeId: string,
  fulfilment: string,
  lines: Pick<
    CartLine,
    'skuId' | 'productId' | 'productName' | 'skuLabel' | 'modifiers' | 'modifiersLabel' | 'quantity'
  >[],
) {
  const p = place.get();
  if (p.storeId !== storeId)
    place.set({ storeId, table: null, fulfilment: fulfilment as typeof p.fulfilment });
  for (const { quantity, ...line } of lines) addLine(line, quantity);
}
