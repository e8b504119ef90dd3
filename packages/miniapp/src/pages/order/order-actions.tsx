import { type Order, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, problemText } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { go } from '../../lib/nav';
import { reorderLines } from '../../state/cart';
import { loadMenu, loadStorefront } from '../../state/shop';

/**
 * What the customer may do with an order: the workflow's own customer actions (cancel while the
 * store has not accepted), reorder, and a complaint.
 */
export function OrderActions({ order, onChange }: { order: Order; onChange: (o: Order) => void }) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = (order.workflow?.allowedActions ?? []).filter((a) => !a.blockedBy);

  const take = async (action: string, name: string) => {
    const { confirm } = await Taro.showModal({
      title: name,
      content: t('order.actionConfirm', { action: name }),
      confirmText: t('common.yes'),
      cancelText: t('common.no'),
    });
    if (!confirm) return;
    setBusy(action);
    setError(null);
    try {
      // expectedVersion makes a repeated tap a no-op instead of a second transition
      onChange(
        await api.call(routes.customerTransitionOrder, {
          params: { id: order.id },
          body: { action, expectedVersion: order.version, input: {} },
        }),
      );
    } catch (e) {
      setError(problemText(e, t('common.networkError')));
    } finally {
      setBusy(null);
    }
  };

  const reorder = async () => {
    reorderLines(order.storeId, order.fulfilment, order.lines);
    await loadStorefront();
    void loadMenu();
    go('cart');
  };

  return (
    <View className="card order-actions">
      {error ? (
        <View className="error" data-testid="action-error">
          {error}
        </View>
      ) : null}
      {actions.map((a) => (
        <View
          key={a.action}
          className={`btn ${a.tone === 'danger' ? 'danger' : 'ghost'}${busy ? ' disabled' : ''}`}
          data-testid={`action-${a.action}`}
          onClick={() => (busy ? undefined : void take(a.action, a.name))}
        >
          {busy === a.action ? t('common.loading') : a.name}
        </View>
      ))}
      <View className="btn" data-testid="reorder" onClick={() => void reorder()}>
        {t('order.reorder')}
      </View>
      <View
        className="btn ghost"
        data-testid="complaint"
        onClick={() => void Taro.navigateTo({ url: `/pages/complaint/index?orderId=${order.id}` })}
      >
        {t('order.complaint')}
      </View>
    </View>
  );
}
