import {
  type AllowedAction,
  type LiveEvent,
  type OrderSummary,
  routes,
  type Workflow,
} from '@orderloop/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type LiveStatus, useLiveEvents } from '../../lib/live-events.ts';
import { useSession } from '../../session/session-context.tsx';
import { useThrottledInvalidate } from '../orders/live-orders.tsx';
import { staffActionsFrom } from '../orders/use-workflows.ts';

const ACTIVE = new Set(['open', 'in_progress']);
const PAGE = 200;
const MAX_CARDS = 1000;

export type BoardColumn = { key: string; name: string; stages: string[] };

/** The current definitions of the business (one per key), newest version of each. */
function useCurrentWorkflows() {
  return useQuery({
    queryKey: ['workflows'],
    queryFn: () => api.call(routes.listWorkflows),
    staleTime: 300_000,
    select: (p) => p.items.filter((w) => w.current),
  });
}

/** Every active order of one store (oldest first: the next to do is on top), with its first lines. */
async function activeOrders(storeId: string, states: string[]): Promise<OrderSummary[]> {
  const all: OrderSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call(routes.listOrders, {
      query: { storeId, state: states, sort: 'createdAt', withLines: 'true', limit: PAGE, cursor },
    });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_CARDS);
  return all;
}

/**
 * A store's board: the active states of its workflow as columns, its active orders as cards, kept
 * current by the live stream (each event of the store re-reads the board, at most once a second;
 * a reconnect re-reads it too, for whatever the replay could not cover).
 */
export function useBoard(storeId: string | null) {
  const { locale } = useI18n();
  const { can } = useSession();
  const workflows = useCurrentWorkflows();
  const states = useMemo(() => {
    const keys = new Set<string>();
    for (const w of workflows.data ?? [])
      for (const s of w.definition.states) if (ACTIVE.has(s.category)) keys.add(s.key);
    return [...keys];
  }, [workflows.data]);
  const key = ['board', storeId, states] as const;
  const orders = useQuery({
    queryKey: key,
    queryFn: () => activeOrders(storeId!, states),
    enabled: !!storeId && states.length > 0,
    refetchInterval: 5 * 60_000, // a safety net under the live stream for a board left on for days
  });
  const queryClient = useQueryClient();
  const refresh = useThrottledInvalidate(['board', storeId]);
  const status: LiveStatus = useLiveEvents((e: LiveEvent) => {
    if (e.storeId === storeId && e.type.startsWith('order.')) refresh();
  }, refresh);

  // the definition most of the store's orders follow (the business's current one)
  const workflow: Workflow | undefined = useMemo(() => {
    const list = workflows.data ?? [];
    const counts = new Map<string, number>();
    for (const o of orders.data ?? [])
      if (o.workflowId) counts.set(o.workflowId, (counts.get(o.workflowId) ?? 0) + 1);
    const byUse = list.find((w) => counts.has(w.id));
    return byUse ?? list[0];
  }, [workflows.data, orders.data]);

  const columns: BoardColumn[] = useMemo(
    () =>
      (workflow?.definition.states ?? [])
        .filter((s) => ACTIVE.has(s.category))
        .map((s) => ({ key: s.key, name: s.name[locale], stages: s.stages })),
    [workflow, locale],
  );

  /** Actions the definition offers from a card's state (a hint; the order's own allowedActions decide). */
  const actionsOf = useCallback(
    (o: OrderSummary): AllowedAction[] =>
      workflow ? staffActionsFrom(workflow.definition, o.state, can, locale) : [],
    [workflow, can, locale],
  );

  return {
    columns,
    orders: orders.data ?? [],
    loading: orders.isLoading || workflows.isLoading,
    error: orders.error ?? workflows.error,
    refetch: () => void orders.refetch(),
    invalidate: () => void queryClient.invalidateQueries({ queryKey: ['board', storeId] }),
    status,
    actionsOf,
    updatedAt: orders.dataUpdatedAt,
  };
}
