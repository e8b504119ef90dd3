import { eq } from 'drizzle-orm';
import { effectiveScope, inScope } from '../access/access.ts';
import { complaints } from '../db/complaint-schema.ts';
import { orders } from '../db/order-schema.ts';
import { stores } from '../db/schema.ts';
import type { Deps } from '../http/context.ts';
import type { Notice } from '../notifications/channel.ts';
import type { OutboxRow, OutboxTarget } from '../notifications/notice.ts';
import { activeStaff, type Recipient, resolveRecipients } from '../notifications/recipients.ts';
import { orderOwnership } from '../orders/read.ts';
import type { ComplaintRef } from './announce.ts';
import { renderComplaint } from './templates.ts';

/**
 * An outbox row of a complaint notice made ready for a channel: the people its targets name
 * today (handlers of the store, the assignee, the order's managers, its customer) and its words.
 * Null when the complaint is gone.
 */
export async function complaintNoticeOf(
  deps: Deps,
  row: OutboxRow,
  base: Omit<Notice, 'recipients' | 'link' | 'text'>,
  ref: ComplaintRef,
): Promise<Notice | null> {
  const [c] = await deps.db.select().from(complaints).where(eq(complaints.id, ref.id));
  if (!c) return null;
  const [o] = await deps.db.select().from(orders).where(eq(orders.id, c.orderId));
  const [store] = await deps.db.select({ name: stores.name }).from(stores).where(eq(stores.id, c.storeId));
  const targets = (row.target as OutboxTarget).to ?? [];
  const out = new Map<string, Recipient>();
  const wantsStaff = targets.some((t) => t === 'complaint_handlers' || t === 'complaint_assignee');
  if (wantsStaff)
    for (const s of await activeStaff(deps.db, c.businessId)) {
      const scope = effectiveScope(s, 'complaints.handle');
      const handles = !!scope && inScope(scope, orderOwnership(o!));
      const named =
        (targets.includes('complaint_handlers') && handles) ||
        (targets.includes('complaint_assignee') && s.userId === c.assigneeId);
      if (named)
        out.set(`user:${s.userId}`, {
          kind: 'user',
          id: s.userId,
          name: s.displayName,
          email: s.email,
          locale: s.locale,
        });
    }
  const orderTargets = targets.filter((t) => t === 'managers' || t === 'customer');
  if (orderTargets.length)
    for (const r of await resolveRecipients(deps.db, o!, orderTargets)) out.set(`${r.kind}:${r.id}`, r);
  const vars = { number: o!.number, kind: ref.kind, state: ref.state, store: store?.name ?? '' };
  return {
    ...base,
    recipients: [...out.values()],
    link: `${deps.config.publicUrl.replace(/\/$/, '')}/complaints/${c.id}`,
    text: (locale) => renderComplaint(base.event, locale, vars),
  };
}
