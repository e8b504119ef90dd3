import { routes } from '@orderloop/contract';
import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { SubHeader } from '../../components/sub-header';
import { problemText, staffApi } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { staffSession } from '../../state/staff';
import '../staff.scss';

/** A sales rep signs in with the console's username and password; the server hands a bearer token. */
export default function StaffLoginPage() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const login = async () => {
    if (busy || !username || !password) return;
    setBusy(true);
    setError(null);
    try {
      const r = await staffApi.call(routes.login, { body: { username, password, mode: 'token' } });
      staffSession.set({ token: r.token ?? null, me: r.me });
      void Taro.redirectTo({ url: '/staff/home/index' });
    } catch (e) {
      setError(problemText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff">
      <SubHeader title={t('staff.login')} />
      <View className="staff-hero">
        <View className="staff-hero-title">{t('staff.title')}</View>
        <View className="staff-hero-sub">Orderloop</View>
      </View>
      <View className="card">
        <View className="field">
          <View className="label">{t('staff.username')}</View>
          <Input
            className="input"
            value={username}
            maxlength={100}
            data-testid="staff-username"
            onInput={(e) => setUsername(e.detail.value)}
          />
        </View>
        <View className="field">
          <View className="label">{t('staff.password')}</View>
          <Input
            className="input"
            password
            value={password}
            maxlength={200}
            data-testid="staff-password"
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void login()}
          />
        </View>
        {error ? (
          <View className="error" style={{ marginBottom: '16px' }}>
            {error}
          </View>
        ) : null}
        <View
          className={`btn ${busy || !username || !password ? 'disabled' : ''}`}
          data-testid="staff-login"
          onClick={() => void login()}
        >
          {busy ? t('common.loading') : t('profile.login')}
        </View>
      </View>
    </View>
  );
}
