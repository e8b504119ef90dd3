import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { CSRF_COOKIE, isApiError, isAuthFailure, readCookie } from './client.ts';

export type AuthFailureReason = 'expired' | 'required';
type Listener = (reason: AuthFailureReason) => void;
let listener: Listener | null = null;

/** The router registers here to send the user back to /login when any call finds no valid session. */
export function onAuthFailure(l: Listener) {
  listener = l;
  return () => {
    if (listener === l) listener = null;
  };
}

function handleError(err: unknown) {
  if (!isAuthFailure(err)) return;
  // a session that existed and no longer works is "expired"; a first visit just needs to sign in
  const hadSession = readCookie(CSRF_COOKIE) !== null;
  listener?.(isApiError(err) && (err.code === 'AUTH_SESSION_EXPIRED' || hadSession) ? 'expired' : 'required');
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change by asking again
      retry: (count, err) => !(isApiError(err) && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
