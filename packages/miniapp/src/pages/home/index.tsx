import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Status } from '../../components/status';
import { TabNav } from '../../components/tab-nav';
import { useT } from '../../lib/i18n';
import { switchTo } from '../../lib/nav';
import { applyLaunch, loadStorefront, place, storefront } from '../../state/shop';
import { useStore } from '../../state/store';
import './index.scss';

export default function Home() {
  const t = useT();
  const router = useRouter();
  const { data: store, loading, error } = useStore(storefront);
  const p = useStore(place);
  useEffect(() => {
    applyLaunch(router.params as Record<string, string>);
    void loadStorefront();
  }, [router.params]);

  return (
    <View className="page home">
      <Status loading={loading && !store} error={error} onRetry={() => void loadStorefront()} />
      {store ? (
        <>
          <View className="home-hero">
            <View className="home-business">{store.business.name}</View>
            <View className="home-store">{store.name}</View>
            <View className="home-status">
              <View className={`tag ${store.openNow ? '' : 'grey'}`}>
                {store.openNow ? t('store.openNow') : t('store.closed')}
              </View>
              <View className="home-hours">
                {t('store.hoursToday')}{' '}
                {store.todayHours.length
                  ? store.todayHours.map((h) => `${h.open}–${h.close}`).join(', ')
                  : store.openingHours.length
                    ? t('store.closed')
                    : t('store.noHours')}
              </View>
            </View>
          </View>
          {store.announcement ? (
            <View className="card home-announcement">
              <View className="tag home-announcement-tag">{t('store.announcement')}</View>
              {store.announcement}
            </View>
          ) : null}
          <View className="card">
            <View className="section-title">{t('store.mode')}</View>
            <View>
              {store.fulfilments.map((f) => (
                <View
                  key={f}
                  className={`chip ${p.fulfilment === f ? 'on' : ''}`}
                  onClick={() => place.set({ ...p, fulfilment: f })}
                >
                  {t(`mode.${f}`)}
                </View>
              ))}
            </View>
            {p.fulfilment === 'dine_in' && p.table ? (
              <View className="home-table">
                {t('store.table')} <View className="home-table-no">{p.table}</View>
              </View>
            ) : null}
            <View className="btn home-start" onClick={() => switchTo('menu')}>
              {t('store.start')}
            </View>
          </View>
          <View className="card">
            {store.address ? (
              <View className="row">
                <View className="muted">{t('store.address')}</View>
                <View className="home-info">{store.address}</View>
              </View>
            ) : null}
            {store.phone ? (
              <View className="row">
                <View className="muted">{t('store.phone')}</View>
                <View className="home-info">{store.phone}</View>
              </View>
            ) : null}
          </View>
        </>
      ) : null}
      <TabNav current="home" />
    </View>
  );
}
