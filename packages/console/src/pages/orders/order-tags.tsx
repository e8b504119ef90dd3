import type { OrderSummary } from '@orderloop/contract';
import { Tag } from 'antd';
import { isMessageKey, useI18n } from '../../i18n/i18n-context.tsx';

// The states of the built-in workflows (restaurant, b2b); a state an administrator adds later still
// shows, in grey, by its code (the detail page has its localized name from the server).
export const orderStates = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'accepted',
  'preparing',
  'in_production',
  'ready',
  'ready_to_ship',
  'shipped',
  'delivered',
  'on_hold',
  'completed',
  'closed',
  'rejected',
  'cancelled',
] as const;

const stateColors: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  under_review: 'gold',
  approved: 'cyan',
  accepted: 'cyan',
  preparing: 'orange',
  in_production: 'orange',
  ready: 'purple',
  ready_to_ship: 'purple',
  shipped: 'geekblue',
  delivered: 'lime',
  on_hold: 'volcano',
  completed: 'green',
  closed: 'green',
  rejected: 'red',
  cancelled: 'red',
};

export const channels = ['console', 'miniapp', 'erp_import'] as const;
export const paymentStatuses = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;
export const fulfilments = ['dine_in', 'pickup', 'delivery', 'shipment'] as const;
export type PaymentStatus = OrderSummary['paymentStatus'];

const paymentColors: Record<PaymentStatus, string> = {
  unpaid: 'default',
  partially_paid: 'gold',
  paid: 'green',
  refunded: 'magenta',
};

/** A translated label for a code from server data, falling back to the code itself. */
export function useCodeLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
}

/** A state as a coloured tag; `name` is the server's localized name where the caller has it. */
export function OrderStateTag({ state, name }: { state: string; name?: string }) {
  const label = useCodeLabel();
  return (
    <Tag color={stateColors[state] ?? 'default'} data-state={state} className="state-tag">
      {name ?? label('orderState', state)}
    </Tag>
  );
}

export function PaymentTag({ status }: { status: PaymentStatus }) {
  const label = useCodeLabel();
  return (
    <Tag color={paymentColors[status]} variant="outlined" className="state-tag">
      {label('payment', status)}
    </Tag>
  );
}
