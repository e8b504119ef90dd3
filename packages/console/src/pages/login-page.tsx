import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { type Me, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../api/client.ts';
import type { Translate } from '../i18n/i18n-context.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { BrandMark } from '../layout/brand.tsx';
import { LocaleSwitcher } from '../layout/locale-switcher.tsx';
import { meQueryKey } from '../session/session-context.tsx';

type Credentials = { username: string; password: string };

/** What the person is told for each way sign-in can fail: the title is ours, the detail the server's. */
function loginError(err: unknown, t: Translate): { title: string; detail?: string } {
  if (!isApiError(err)) return { title: t('login.failed'), detail: String(err) };
  const { code, detail } = err.problem;
  switch (code) {
    case 'AUTH_INVALID_CREDENTIALS':
      return { title: t('login.invalidCredentials') };
    case 'AUTH_ACCOUNT_LOCKED':
      return { title: t('login.locked'), detail };
    case 'AUTH_ACCOUNT_DISABLED':
      return { title: t('login.disabled'), detail };
    case 'RATE_LIMITED':
      return { title: t('login.rateLimited'), detail };
    default:
      return { title: t('login.failed'), detail };
  }
}

/** Only same-site paths, so a crafted link cannot send the user elsewhere after sign-in. */
const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (c: Credentials) => api.call(routes.login, { body: { ...c, mode: 'cookie' } }),
    onSuccess: (r) => {
      queryClient.clear();
      queryClient.setQueryData<Me>(meQueryKey, r.me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const error = login.error ? loginError(login.error, t) : null;
  const notice = login.isIdle
    ? params.get('expired')
      ? { type: 'warning' as const, text: t('login.sessionExpired') }
      : params.get('signedOut')
        ? { type: 'success' as const, text: t('login.signedOut') }
        : null
    : null;

  return (
    <div className="login">
      <aside className="login-aside">
        <Flex align="center" gap={10}>
          <BrandMark size={32} />
          <span style={{ fontSize: 18, fontWeight: 650 }}>{t('app.name')}</span>
        </Flex>
        <div>
          <h1>{t('app.tagline')}</h1>
          <p>{t('app.taglineDetail')}</p>
          <div className="login-steps">
            {t('app.loop')
              .split('|')
              .map((s) => (
                <span key={s}>{s}</span>
              ))}
          </div>
        </div>
        <span style={{ opacity: 0.6, fontSize: 12 }}>© Orderloop</span>
      </aside>
      <main className="login-main">
        <Flex justify="flex-end">
          <LocaleSwitcher />
        </Flex>
        <div className="login-form">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          {notice ? (
            <Alert
              type={notice.type}
              title={notice.text}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="login-notice"
            />
          ) : null}
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error.title}
              description={error.detail}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Form<Credentials>
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(v) => login.mutate(v)}
            disabled={login.isPending}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </div>
      </main>
    </div>
  );
}
