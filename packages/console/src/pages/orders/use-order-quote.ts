import { type Quote, routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { type OrderDraft, quoteBody } from './order-draft.ts';

export type QuoteState = {
  quote: Quote | null;
  /** The quote's line for each draft line, by position, once the quote is of the current lines. */
  lineQuote: (index: number) => Quote['lines'][number] | null;
  error: unknown;
  pending: boolean;
};

/**
 * The server's price of the draft as it is typed: one POST /api/orders/quote per pause in typing
 * (debounced), the last good answer kept on screen while the next is on its way.
 */
export function useOrderQuote(draft: OrderDraft, currency: string): QuoteState {
  const body = useMemo(() => quoteBody(draft, currency), [draft, currency]);
  const key = JSON.stringify(body);
  const settledKey = useDebounced(key, 350);
  const settled = useMemo(() => JSON.parse(settledKey) as typeof body, [settledKey]);
  const enabled = settled.lines.length > 0 && !!settled.storeId;
  const q = useQuery({
    queryKey: ['quote', settledKey],
    queryFn: () => api.call(routes.quote, { body: settled }),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
  const quote = draft.lines.length && !q.error ? (q.data ?? null) : null;
  return {
    quote,
    lineQuote: (i) => {
      const l = quote?.lines[i];
      return l && l.skuId === draft.lines[i]?.skuId ? l : null;
    },
    error: draft.lines.length ? q.error : null,
    pending: draft.lines.length > 0 && (key !== settledKey || q.isFetching),
  };
}
