import type { Locale } from '@orderloop/contract';
import type { DbOrTx } from '../db/connect.ts';
import { ConflictError } from '../lib/errors.ts';
import { isOpen, stateOf, workflowById } from '../workflow/definitions.ts';

type Row = { number: string; state: string; workflowId: string | null };

/**
 * A spreadsheet changes fields, not lines or prices, so the rule is the one for field edits: until
 * the order's workflow state is finished (done or cancelled). Returns a check for each order.
 */
export async function editableCheck(db: DbOrTx, orders: Iterable<Row>, locale: Locale) {
  const finished = new Map<string, string>();
  for (const o of orders) {
    if (!o.workflowId) continue;
    const d = (await workflowById(db, o.workflowId)).definition;
    if (!isOpen(d, o.state)) finished.set(o.number, stateOf(d, o.state)?.name[locale] ?? o.state);
  }
  return (o: Row) => {
    const state = finished.get(o.number);
    if (state !== undefined)
      throw new ConflictError('CONFLICT', { key: 'order.notEditable', vars: { number: o.number, state } });
  };
}
