import { ConflictError } from '../lib/errors.ts';

// States past which an order is history. The workflow engine will decide this per definition and
// state; until then this is the one place that says whether an order may still be edited.
const FINAL_STATES = new Set(['completed', 'cancelled', 'closed', 'rejected']);

export function isEditable(order: { state: string }): boolean {
  return !FINAL_STATES.has(order.state);
}

export function assertEditable(order: { number: string; state: string }): void {
  if (!isEditable(order))
    throw new ConflictError('CONFLICT', {
      key: 'order.notEditable',
      vars: { number: order.number, state: order.state },
    });
}
