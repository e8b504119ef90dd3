import { routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import { useSession } from '../session/session-context.tsx';

/** Display names of the staff this user may see, to show "sales rep: 沈销售" instead of an id. */
export function useUserNames(): (id: string | null | undefined) => string | null {
  const { me, can } = useSession();
  const users = useQuery({
    queryKey: ['users', 'names'],
    queryFn: () => api.call(routes.listUsers, { query: { limit: 200 } }),
    enabled: can('users.read'),
    staleTime: 300_000,
  });
  return useMemo(() => {
    const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName]));
    names.set(me.user.id, me.user.displayName);
    return (id) => (id ? (names.get(id) ?? null) : null);
  }, [users.data, me]);
}
