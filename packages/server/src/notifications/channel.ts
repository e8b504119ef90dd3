import type { Locale } from '@orderloop/contract';
import type { Deps } from '../http/context.ts';
import type { Recipient } from './recipients.ts';

export type OrderRef = {
  orderId: string;
  number: string;
  storeId: string;
  state: string;
  total: number;
  currency: string;
};

/**
 * One notice as a channel receives it: what happened, to whom, in words per language. `id` is the
 * outbox row's id — stable across retries, so receivers deduplicate by it.
 */
export type Notice = {
  id: string;
  businessId: string;
  event: string;
  eventId: number | null;
  createdAt: Date;
  attempt: number;
  order: OrderRef | null;
  recipients: Recipient[];
  link: string | null;
  text: (locale: Locale) => { title: string; body: string };
  /** Addresses (`email:<user>`, `webhook:<endpoint>`) a previous attempt already served. */
  done: ReadonlySet<string>;
};

/**
 * What came of one attempt. `failed` is retried with backoff (the addresses in `done` are not
 * sent again); `skipped` means there is nowhere to send it — recorded, never retried.
 */
export type Outcome =
  | { status: 'delivered'; note?: string; done?: string[] }
  | { status: 'skipped'; note: string }
  | { status: 'failed'; error: string; done?: string[] };

/**
 * A way out of the process. Feishu/WeCom/DingTalk bots and WeChat/Alipay customer messages plug in
 * here: a name (the outbox `channel`) and one deliver function.
 */
export type Channel = { name: string; deliver: (n: Notice, deps: Deps) => Promise<Outcome> };

/** Sends to each address not yet served; the outcome names the failures and what got through. */
export async function deliverEach<T>(
  n: Notice,
  items: T[],
  key: (item: T) => string,
  send: (item: T) => Promise<void>,
): Promise<Outcome> {
  const served: string[] = [];
  const errors: string[] = [];
  for (const item of items) {
    const k = key(item);
    if (n.done.has(k)) continue;
    try {
      await send(item);
      served.push(k);
    } catch (err) {
      errors.push(`${k}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (errors.length) return { status: 'failed', error: errors.join('; ').slice(0, 1000), done: served };
  return { status: 'delivered', done: served, note: `${items.length} recipient(s)` };
}
