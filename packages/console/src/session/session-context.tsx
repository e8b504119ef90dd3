import { type DataScope, type Me, type Permission, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api } from '../api/client.ts';

const STORE_KEY = 'ol.store';

export const meQueryKey = ['me'] as const;
export const useMeQuery = () => useQuery({ queryKey: meQueryKey, queryFn: () => api.call(routes.me) });

export type Session = {
  me: Me;
  can: (permission: Permission) => boolean;
  scopeOf: (permission: Permission) => DataScope | null;
  storeName: (id: string | null | undefined) => string | null;
  currentStoreId: string | null;
  /** Times are shown in the working store's time zone (DESIGN: "shown in the store's time zone"). */
  timeZone: string | undefined;
  setCurrentStoreId: (id: string) => void;
};

const SessionContext = createContext<Session | null>(null);

function rememberedStore(me: Me): string | null {
  const stored = localStorage.getItem(STORE_KEY);
  if (stored && me.stores.some((s) => s.id === stored)) return stored;
  return me.stores[0]?.id ?? null;
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const currentStoreId = chosen && me.stores.some((s) => s.id === chosen) ? chosen : rememberedStore(me);
  const setCurrentStoreId = useCallback((id: string) => {
    localStorage.setItem(STORE_KEY, id);
    setChosen(id);
  }, []);
  const value = useMemo<Session>(() => {
    const held = new Map(me.permissions.map((p) => [p.permission, p]));
    const stores = new Map(me.stores.map((s) => [s.id, s.name]));
    return {
      me,
      can: (p) => held.has(p),
      scopeOf: (p) => held.get(p)?.scope ?? null,
      storeName: (id) => (id ? (stores.get(id) ?? null) : null),
      currentStoreId,
      timeZone: me.stores.find((s) => s.id === currentStoreId)?.timezone,
      setCurrentStoreId,
    };
  }, [me, currentStoreId, setCurrentStoreId]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
