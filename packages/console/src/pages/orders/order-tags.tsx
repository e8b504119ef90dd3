import type { OrderSummary } from '@orderloop/contract';
import { Tag } from 'antd';
import { isMessageKey, useI18n } from '../../i18n/i18n-context.tsx';

// The states of the built-in flows; a state a workflow adds later still shows, in grey, by its code.
export const orderStates = [
  'draft',
  'submitted',
  'pending_approval',
  'approved',
  'accepted',
  'preparing',
  'in_production',
  'ready',
  'shipped',
  'delivered',
  'completed',
  'rejected',
  'cancelled',
] as const;

const stateColors: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  pending_approval: 'gold',
  approved: 'cyan',
  accepted: 'cyan',
  preparing: 'orange',
  in_production: 'orange',
  ready: 'purple',
  shipped: 'geekblue',
  delivered: 'lime',
  completed: 'green',
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

export function OrderStateTag({ state }: { state: string }) {
  const label = useCodeLabel();
  return (
    <Tag color={stateColors[state] ?? 'default'} data-state={state} className="state-tag">
      {label('orderState', state)}
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
