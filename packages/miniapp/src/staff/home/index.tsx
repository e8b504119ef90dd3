import { type OrderReminder, type OrderSummary, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Status } from '../../components/status';
import { SubHeader } from '../../components/sub-header';
import { staffApi } from '../../lib/api';
import { stateLabel, type TextKey, useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { when } from '../../lib/nav';
import { prefs } from '../../state/prefs';
import { staffSession } from '../../state/staff';
import { useStore } from '../../state/store';
import '../staff.scss';

/** The rep's desk: what needs them (overdue, rejected), a new order, and their orders with status. */
export default function StaffHomePage() {
  const t = useT();
  const { locale } = useStore(prefs);
  const { me, token } = useStore(staffSession);
  const [reminders, setReminders] = useState<OrderReminder[]>([]);
  const [mine, setMine] = useState<OrderSummary[]>([]);
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null });
  const tz = me?.stores[0]?.timezone;

  const load = async () => {
    const who = staffSession.get().me;
    if (!staffSession.get().token || !who) {
      void Taro.redirectTo({ url: '/staff/login/index' });
      return;
    }
    setState({ loading: true, error: null });
    try {
      const [r, list] = await Promise.all([
        staffApi.call(routes.orderReminders),
        staffApi.call(routes.listOrders, { query: { salesRepId: who.user.id, limit: 20 } }),
      ]);
      setReminders(r);
      setMine(list.items);
      setState({ loading: false, error: null });
    } catch (error) {
      setState({ loading: false, error });
    }
  };
  useDidShow(() => void load());

  const logout = async () => {
    await staffApi.call(routes.logout).catch(() => {});
    staffSession.set({ token: null, me: null });
    void Taro.redirectTo({ url: '/pages/profile/index' });
  };

  if (!token || !me) return <View className="page" />;
  return (
    <View className="page staff">
      <SubHeader title={t('staff.title')} />
      <View className="staff-hero">
        <View className="staff-hero-title" data-testid="staff-name">
          {me.user.displayName}
        </View>
        <View className="staff-hero-sub">
          {me.business.name}
          {me.roles[0] ? ` · ${me.roles[0].name}` : ''}
        </View>
      </View>
      <View
        className="card btn"
        data-testid="staff-new-order"
        onClick={() => void Taro.navigateTo({ url: '/staff/new-order/index' })}
      >
        ＋ {t('staff.newOrder')}
      </View>
      <View className="card" data-testid="reminders">
        <View className="row" style={{ minHeight: '56px' }}>
          <View className="section-title" style={{ margin: 0 }}>
            {t('staff.reminders')}
          </View>
          {reminders.length ? (
            <View className="staff-badge" data-testid="reminder-count">
              {reminders.length}
            </View>
          ) : null}
        </View>
        {!state.loading && !state.error && !reminders.length ? (
          <View className="muted">{t('staff.noReminders')}</View>
        ) : null}
        {reminders.map((r) => (
          <View key={r.id} className="staff-row" data-testid="reminder">
            <View>
              <View>
                <View className={`tag ${r.reason === 'overdue' ? '' : 'grey'}`}>
                  {t(`staff.reason.${r.reason}` as TextKey)}
                </View>
                {r.number}
              </View>
              <View className="muted">
                {r.customerName ?? '—'}
                {r.reason === 'overdue' ? ` · ${r.stateName}` : ''} · {when(r.since, tz)}
              </View>
            </View>
            <View className="price">{money(r.total, r.currency)}</View>
          </View>
        ))}
      </View>
      <View className="card">
        <View className="section-title">{t('staff.myOrders')}</View>
        <Status loading={state.loading && !mine.length} error={state.error} onRetry={() => void load()} />
        {!state.loading && !state.error && !mine.length ? (
          <View className="muted">{t('orders.empty')}</View>
        ) : null}
        {mine.map((o) => (
          <View key={o.id} className="staff-row" data-testid="staff-order">
            <View>
              <View>
                {o.customerName ?? o.contact.name ?? '—'}
                <View className="tag" style={{ marginLeft: '12px' }}>
                  {stateLabel(locale, o.state)}
                </View>
              </View>
              <View className="muted">
                {o.number} · {when(o.createdAt, tz)}
              </View>
            </View>
            <View className="price">{money(o.total, o.currency)}</View>
          </View>
        ))}
      </View>
      <View className="card staff-links">
        <View className="btn ghost" onClick={() => void Taro.redirectTo({ url: '/pages/home/index' })}>
          {t('staff.backToShop')}
        </View>
        <View className="btn danger" data-testid="staff-logout" onClick={() => void logout()}>
          {t('profile.logout')}
        </View>
      </View>
    </View>
  );
}
