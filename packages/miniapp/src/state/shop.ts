import { type Menu, routes, type Storefront } from '@orderloop/contract';
import { api } from '../lib/api';
import { session } from './session';
import { createStore } from './store';

export type Fulfilment = Storefront['fulfilments'][number];

/** Where and how the customer orders: the store from the launch link, its table, the chosen mode. */
export const place = createStore<{
  storeId: string | null;
  table: string | null;
  fulfilment: Fulfilment | null;
}>({ storeId: null, table: null, fulfilment: null }, 'ol.place');

type Loaded<T> = { data: T | null; loading: boolean; error: unknown };
export const storefront = createStore<Loaded<Storefront>>({ data: null, loading: false, error: null });
export const menu = createStore<Loaded<Menu>>({ data: null, loading: false, error: null });

/** Applies a launch link's `store` and `table`; a new store starts with its first ordering mode. */
export function applyLaunch(query: Record<string, string | undefined>) {
  const storeId = query.store?.trim() || null;
  const table = query.table?.trim() || null;
  if (!storeId && !table) return;
  place.set((p) => ({
    storeId: storeId ?? p.storeId,
    table: table ?? (storeId && storeId !== p.storeId ? null : p.table),
    fulfilment: storeId && storeId !== p.storeId ? null : p.fulfilment,
  }));
}

export async function loadStorefront() {
  storefront.set((s) => ({ ...s, loading: true, error: null }));
  try {
    let id = place.get().storeId;
    let data: Storefront;
    if (id) data = await api.call(routes.storefrontStore, { params: { id } });
    else {
      // opened without a store in the link: the business's first open store
      const list = await api.call(routes.storefrontStores, { query: { business: BUSINESS } });
      if (!list[0]) throw new Error('no store');
      data = list[0];
      id = data.id;
    }
    const p = place.get();
    const fulfilment =
      p.fulfilment && data.fulfilments.includes(p.fulfilment)
        ? p.fulfilment
        : p.table && data.fulfilments.includes('dine_in')
          ? 'dine_in'
          : (data.fulfilments[0] ?? null);
    place.set({ ...p, storeId: id, fulfilment });
    storefront.set({ data, loading: false, error: null });
  } catch (error) {
    storefront.set({ data: null, loading: false, error });
  }
}

/** The menu with the customer's own prices once signed in, the public one before. */
export async function loadMenu() {
  const id = place.get().storeId;
  if (!id) return;
  menu.set((m) => ({ ...m, loading: true, error: null }));
  try {
    const data = session.get().token
      ? await api.call(routes.customerMenu, { params: { id } })
      : await api.call(routes.storefrontMenu, { params: { id } });
    menu.set({ data, loading: false, error: null });
  } catch (error) {
    menu.set((m) => ({ data: m.data, loading: false, error }));
  }
}
