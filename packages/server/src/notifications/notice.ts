import type { Locale } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { ComplaintRef } from '../complaints/announce.ts';
import { complaintNoticeOf } from '../complaints/notice.ts';
import { orders } from '../db/order-schema.ts';
import { businesses, customers, stores } from '../db/schema.ts';
import type { outbox } from '../db/workflow-schema.ts';
import type { Deps } from '../http/context.ts';
import { stateOf, workflowById } from '../workflow/definitions.ts';
import type { Notice, OrderRef } from './channel.ts';
import { resolveRecipients } from './recipients.ts';
import { notificationSettings } from './settings.ts';
import { render } from './templates.ts';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxTarget = { to?: string[]; done?: string[] };
export type OutboxPayload = { event?: string; order?: OrderRef; complaint?: ComplaintRef };

const same = (s: string): Record<Locale, string> => ({ 'zh-CN': s, en: s, ja: s });

/**
 * An outbox row made ready for a channel: its order as it is now, the people its targets name
 * today, and its words in each language. Null when the order is gone (nothing left to tell).
 */
export async function noticeOf(deps: Deps, row: OutboxRow): Promise<Notice | null> {
  const payload = row.payload as OutboxPayload;
  const target = row.target as OutboxTarget;
  const ref = payload.order ?? null;
  const event = payload.event ?? row.channel;
  const base = {
    id: row.id,
    businessId: row.businessId,
    event,
    eventId: row.eventId,
    createdAt: row.createdAt,
    attempt: row.attempts,
    order: ref,
    done: new Set(target.done ?? []),
  };
  if (!ref) return { ...base, recipients: [], link: null, text: (l) => render(event, l, blankVars) };
  if (payload.complaint) return complaintNoticeOf(deps, row, base, payload.complaint);

  const [o] = await deps.db.select().from(orders).where(eq(orders.id, ref.orderId));
  if (!o) return null;
  const [store] = await deps.db.select({ name: stores.name }).from(stores).where(eq(stores.id, o.storeId));
  const [customer] = o.customerId
    ? await deps.db
        .select({ name: customers.name, contact: customers.contactName })
        .from(customers)
        .where(eq(customers.id, o.customerId))
    : [];
  const wf = o.workflowId ? await workflowById(deps.db, o.workflowId) : null;
  // the state the notice was written in, not wherever the order has moved on to since
  const state = (wf && stateOf(wf.definition, ref.state)?.name) || same(ref.state);
  const link = `${deps.config.publicUrl.replace(/\/$/, '')}/orders/${o.id}`;
  const [b] = await deps.db
    .select({ settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, o.businessId));
  // the business's own words, where it wrote some for this notice and language
  const own = b ? notificationSettings(b.settings).events[event]?.texts : undefined;
  const vars = {
    number: ref.number,
    customer: customer?.name ?? customer?.contact ?? o.contact.name ?? '',
    state,
    total: ref.total,
    currency: ref.currency,
    store: store?.name ?? '',
    link,
  };
  return {
    ...base,
    recipients: await resolveRecipients(deps.db, o, target.to ?? [], deps.clock.now()),
    link,
    text: (locale) => render(event, locale, vars, own?.[locale]),
  };
}

const blankVars = {
  number: '',
  customer: '',
  state: same(''),
  total: 0,
  currency: 'CNY',
  store: '',
  link: null,
};
