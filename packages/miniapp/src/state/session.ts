import type { RouteOutput, Routes } from '@orderloop/contract';
import { createStore } from './store';

type Me = RouteOutput<Routes['customerMe']>;

/** The customer's bearer token (kept in Taro storage) and who they are. */
export const session = createStore<{ token: string | null; me: Me | null }>(
  { token: null, me: null },
  'ol.session',
);
