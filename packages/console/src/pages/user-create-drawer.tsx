import {
  type BuiltInRole,
  builtInRoleDefinitions,
  type DataScope,
  dataScopes,
  type Locale,
  locales,
  roleLabel,
  routes,
  scopeLabels,
} from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api, isApiError } from '../api/client.ts';
import { localeNames, useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

type Values = {
  username: string;
  displayName: string;
  phone?: string;
  password: string;
  locale: Locale;
  roleId?: string;
  scope?: DataScope;
  storeId?: string;
};
type FieldName = keyof Values;

const formFields = new Set<string>(['username', 'displayName', 'phone', 'password', 'locale']);

/** `body.username` → username; `body.grants.0.storeId` → storeId; a whole bad grant lands on the role. */
export function formFieldOf(path: string): FieldName | null {
  const parts = path.split('.');
  if (parts[0] !== 'body') return null;
  if (parts[1] === 'grants') {
    const leaf = parts[3];
    return leaf === 'scope' || leaf === 'storeId' ? leaf : 'roleId';
  }
  return parts[1] && formFields.has(parts[1]) ? (parts[1] as FieldName) : null;
}

export const usersQueryKey = ['users'] as const;

export function UserCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { me, currentStoreId } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.call(routes.listRoles), enabled: open });
  const scope = Form.useWatch('scope', form);

  const create = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.createUser, {
        body: {
          username: v.username,
          displayName: v.displayName,
          phone: v.phone?.trim() ? v.phone.trim() : null,
          password: v.password,
          locale: v.locale,
          grants:
            v.roleId && v.scope
              ? [
                  {
                    roleId: v.roleId,
                    scope: v.scope,
                    storeId: v.scope === 'all' ? null : (v.storeId ?? null),
                  },
                ]
              : [],
        },
      }),
    onSuccess: (user) => {
      message.success(t('userForm.created', { name: user.displayName }));
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!isApiError(err)) return;
      const { fields = [], detail } = err.problem;
      const byField = new Map<FieldName, string[]>();
      for (const f of fields) {
        const name = formFieldOf(f.field);
        if (name) byField.set(name, [...(byField.get(name) ?? []), f.message || detail]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    },
  });

  // a server error that names no field of this form is shown above it
  const unplaced =
    create.error &&
    isApiError(create.error) &&
    !(create.error.problem.fields ?? []).some((f) => formFieldOf(f.field))
      ? create.error.problem.detail
      : create.error && !isApiError(create.error)
        ? String(create.error)
        : null;

  useEffect(() => {
    if (open) create.reset();
  }, [open, create.reset]);

  const onRoleChange = (roleId: string) => {
    const key = roles.data?.find((r) => r.id === roleId)?.key;
    const def = key ? builtInRoleDefinitions[key as BuiltInRole] : undefined;
    form.setFieldsValue({ scope: def?.defaultScope ?? 'store' });
  };

  return (
    <Drawer
      title={t('userForm.title')}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="user-submit"
          >
            {t('userForm.submit')}
          </Button>
        </Flex>
      }
    >
      {unplaced ? (
        <Alert
          type="error"
          showIcon
          title={t('userForm.failed')}
          description={unplaced}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ locale, storeId: currentStoreId ?? undefined }}
        onFinish={(v) => create.mutate(v)}
        onValuesChange={(changed) => {
          // editing a field clears the server's complaint about it
          const names = Object.keys(changed) as FieldName[];
          form.setFields(names.map((name) => ({ name, errors: [] })));
        }}
      >
        <Typography.Text strong>{t('userForm.account')}</Typography.Text>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, whitespace: true, message: t('userForm.required') }]}
          style={{ marginTop: 8 }}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('userForm.required') }]}
        >
          <Input autoComplete="off" data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input autoComplete="off" data-testid="user-phone" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('userForm.password')}
          extra={t('userForm.passwordHint')}
          rules={[
            { required: true, message: t('userForm.required') },
            { min: 8, message: t('userForm.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('userForm.locale')} rules={[{ required: true }]}>
          <Select options={locales.map((l) => ({ value: l, label: localeNames[l] }))} />
        </Form.Item>

        <Typography.Text strong>{t('userForm.grant')}</Typography.Text>
        <Form.Item name="roleId" label={t('userForm.role')} style={{ marginTop: 8 }}>
          <Select
            allowClear
            placeholder={t('userForm.rolePlaceholder')}
            loading={roles.isLoading}
            onChange={onRoleChange}
            data-testid="user-role"
            options={(roles.data ?? []).map((r) => ({
              value: r.id,
              label: roleLabel(r.key, locale, r.name),
            }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="scope" label={t('userForm.scope')} style={{ flex: 1 }}>
            <Select options={dataScopes.map((s) => ({ value: s, label: scopeLabels[s][locale] }))} />
          </Form.Item>
          {scope && scope !== 'all' ? (
            <Form.Item
              name="storeId"
              label={t('userForm.store')}
              style={{ flex: 1 }}
              rules={scope === 'store' ? [{ required: true, message: t('userForm.storeRequired') }] : []}
            >
              <Select options={me.stores.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))} />
            </Form.Item>
          ) : null}
        </Flex>
      </Form>
    </Drawer>
  );
}
