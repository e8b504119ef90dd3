import type { Me } from '@orderloop/contract';
import { createStore } from './store';

/**
 * The sales rep's bearer token and who they are: a session of its own beside the customer's, so a
 * rep can take orders on the phone they also order lunch with.
 */
export const staffSession = createStore<{ token: string | null; me: Me | null }>(
  { token: null, me: null },
  'ol.staff',
);
