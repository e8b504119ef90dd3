import { routes } from '@orderloop/contract';
import { Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TabNav } from '../../components/tab-nav';
import { api, problemText } from '../../lib/api';
import { locales, useT } from '../../lib/i18n';
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
  const login = () =>
    run(async () => {
      const r = await api.call(routes.customerLogin, { body: { business, phone, code } });
      session.set({ token: r.token, me: r.me });
      void loadMenu();
      scheduleQuote(0);
      if (params.back) back();
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
      <TabNav current="profile" />
    </View>
  );
}
