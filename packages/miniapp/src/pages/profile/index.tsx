import { type Consent, messageEvents, routes } from '@orderloop/contract';
import { Input, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TabNav } from '../../components/tab-nav';
import { api, problemText } from '../../lib/api';
import { platformLogin } from '../../lib/channel-login';
import { locales, type TextKey, useT } from '../../lib/i18n';
import { back } from '../../lib/nav';
import { scheduleQuote } from '../../state/cart';
import { prefs } from '../../state/prefs';
import { session } from '../../state/session';
import { loadMenu, storefront } from '../../state/shop';
import { useStore } from '../../state/store';

export default function ProfilePage() {
  const t = useT();
  const { params } = useRouter();
  const { me, token } = useStore(session);
  const { locale } = useStore(prefs);
  const business = useStore(storefront).data?.business.slug ?? BUSINESS;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [devCode, setDevCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(problemText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  const requestCode = () =>
    run(async () => {
      const r = await api.call(routes.customerRequestCode, { body: { business, phone } });
      setDevCode(r.devCode ?? null);
      // the dev sender hands the code back; a real SMS channel would not
      if (r.devCode) setCode(r.devCode);
    });
  const signedIn = (r: { token: string; me: NonNullable<ReturnType<typeof session.get>['me']> }) => {
    session.set({ token: r.token, me: r.me });
    void loadMenu();
    scheduleQuote(0);
    if (params.back) back();
  };
  const login = () =>
    run(async () => signedIn(await api.call(routes.customerLogin, { body: { business, phone, code } })));
  const oneTap = () => run(async () => signedIn(await platformLogin(business)));

  const [consent, setConsent] = useState<Consent | null>(null);
  useDidShow(() => {
    if (session.get().token)
      api
        .call(routes.customerGetConsent)
        .then(setConsent)
        .catch(() => setConsent(null));
  });

  return (
    <View className="page">
      <View className="card">
        {token && me ? (
          <>
            <View className="muted">{t('profile.signedInAs')}</View>
            <View className="title" data-testid="signed-in">
              {me.customer.name ?? me.customer.phone}
            </View>
            <View className="muted">
              {me.customer.phone} · {me.business.name}
            </View>
            <View
              className="btn ghost"
              style={{ marginTop: '24px' }}
              onClick={() => {
                session.set({ token: null, me: null });
                void loadMenu();
              }}
            >
              {t('profile.logout')}
            </View>
          </>
        ) : (
          <>
            {params.expired ? (
              <View className="error" data-testid="expired" style={{ marginBottom: '16px' }}>
                {t('profile.expired')}
              </View>
            ) : null}
            {process.env.TARO_ENV !== 'h5' ? (
              <View
                className={`btn ${busy ? 'disabled' : ''}`}
                style={{ marginBottom: '32px' }}
                onClick={() => !busy && void oneTap()}
              >
                {process.env.TARO_ENV === 'alipay' ? t('profile.alipayLogin') : t('profile.wechatLogin')}
              </View>
            ) : null}
            <View className="section-title">{t('profile.signIn')}</View>
            <View className="field">
              <View className="label">{t('confirm.phone')}</View>
              <View className="row" style={{ minHeight: '88px' }}>
                <Input
                  className="input"
                  style={{ flex: 1 }}
                  type="number"
                  maxlength={20}
                  value={phone}
                  data-testid="phone"
                  onInput={(e) => setPhone(e.detail.value)}
                />
                <View
                  className={`btn ghost ${busy || phone.length < 6 ? 'disabled' : ''}`}
                  style={{ marginLeft: '16px' }}
                  onClick={() => !busy && phone.length >= 6 && void requestCode()}
                >
                  {t('profile.getCode')}
                </View>
              </View>
            </View>
            {devCode ? <View className="muted">{t('profile.devCode', { code: devCode })}</View> : null}
            <View className="field">
              <View className="label">{t('profile.code')}</View>
              <Input
                className="input"
                type="number"
                maxlength={6}
                value={code}
                data-testid="code"
                onInput={(e) => setCode(e.detail.value)}
              />
            </View>
            {error ? <View className="error">{error}</View> : null}
            <View
              className={`btn ${busy || !code ? 'disabled' : ''}`}
              data-testid="login"
              onClick={() => !busy && code && void login()}
            >
              {t('profile.login')}
            </View>
          </>
        )}
      </View>
      {token ? (
        <View className="card" data-testid="consent-status">
          <View className="section-title">{t('profile.notifications')}</View>
          {messageEvents.map((e) => {
            const item = consent?.items.find((i) => i.event === e);
            return (
              <View key={e} className="row">
                <View>{t(`event.${e}` as TextKey)}</View>
                <View className={item?.status === 'accept' ? 'price' : 'muted'}>
                  {item ? t(`consent.${item.status}` as TextKey) : t('profile.notAsked')}
                </View>
              </View>
            );
          })}
        </View>
      ) : null}
      <View className="card">
        <View className="section-title">{t('profile.language')}</View>
        {locales.map((l) => (
          <View
            key={l.code}
            className={`chip ${locale === l.code ? 'on' : ''}`}
            onClick={() => {
              prefs.set({ locale: l.code });
              // menus and quotes carry localised texts from the server
              void loadMenu();
            }}
          >
            {l.label}
          </View>
        ))}
      </View>
      <View
        className="card row"
        data-testid="staff-entry"
        onClick={() => void Taro.navigateTo({ url: '/staff/home/index' })}
      >
        <View>{t('staff.entry')}</View>
        <View className="muted">›</View>
      </View>
      <TabNav current="profile" />
    </View>
  );
}
