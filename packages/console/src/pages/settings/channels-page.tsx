import { PlusOutlined } from '@ant-design/icons';
import { routes, type Webhook } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { emptyText } from '../../components/empty-text.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { IntegrationsPanel, integrationsKey, TestResult, useIntegrationTest } from './integrations-panel.tsx';

type Values = { url: string; events: string[]; description?: string };
const key = ['webhooks'];

/** Outgoing webhook endpoints: secrets masked (shown once when set), enable, rotate, remove. */
export function ChannelsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: key, queryFn: () => api.call(routes.listWebhooks) });
  const templates = useQuery({
    queryKey: ['notification-templates'],
    queryFn: () => api.call(routes.listNotificationTemplates),
  });
  const integrations = useQuery({
    queryKey: integrationsKey,
    queryFn: () => api.call(routes.listIntegrations),
  });
  const test = useIntegrationTest();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const fail = (err: unknown) => message.error(isApiError(err) ? err.problem.detail : String(err));
  const done = (w: { secret: string | null }) => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: integrationsKey });
    if (w.secret) setSecret(w.secret);
  };
  const create = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.createWebhook, { body: { ...v, description: v.description || null } }),
    onSuccess: (w) => {
      setCreating(false);
      form.resetFields();
      done(w);
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => ['url', 'events', 'description'].includes(p));
      fail(err);
    },
  });
  const update = useMutation({
    mutationFn: (v: { id: string; enabled?: boolean; rotateSecret?: boolean }) =>
      api.call(routes.updateWebhook, {
        params: { id: v.id },
        body: { enabled: v.enabled, rotateSecret: v.rotateSecret },
      }),
    onSuccess: done,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.call(routes.deleteWebhook, { params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: integrationsKey });
    },
    onError: fail,
  });
  if (hooks.error) return <QueryError error={hooks.error} onRetry={() => hooks.refetch()} />;

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('channels.url'),
      dataIndex: 'url',
      render: (v: string, w) => (
        <>
          <div className="mono">{v}</div>
          {w.description ? <div className="muted">{w.description}</div> : null}
        </>
      ),
    },
    {
      title: t('channels.events'),
      dataIndex: 'events',
      width: 260,
      render: (v: string[]) =>
        v.length ? v.map((e) => <Tag key={e}>{e}</Tag>) : <Tag color="blue">{t('channels.allEvents')}</Tag>,
    },
    {
      title: t('channels.secret'),
      dataIndex: 'secretHint',
      width: 150,
      render: (v: string) => (
        <span className="mono" data-testid="secret-masked">
          ••••••••{v}
        </span>
      ),
    },
    {
      title: t('channels.enabled'),
      dataIndex: 'enabled',
      width: 80,
      render: (v: boolean, w) => (
        <Switch size="small" checked={v} onChange={(enabled) => update.mutate({ id: w.id, enabled })} />
      ),
    },
    {
      title: t('integrations.lastTest'),
      key: 'test',
      width: 230,
      render: (_, w) => {
        const k = w.id; // a webhook's integration key is its id
        return (
          <Flex vertical gap={4} align="start" data-testid="webhook-test">
            <Button
              size="small"
              loading={test.isPending && test.variables === k}
              onClick={() => test.mutate(k)}
            >
              {t('integrations.test')}
            </Button>
            <TestResult result={integrations.data?.find((i) => i.key === k)?.lastTest ?? null} />
          </Flex>
        );
      },
    },
    {
      title: '',
      key: 'actions',
      width: 190,
      render: (_, w) => (
        <Flex gap={4}>
          <Popconfirm
            title={t('channels.rotateConfirm')}
            onConfirm={() => update.mutate({ id: w.id, rotateSecret: true })}
          >
            <Button size="small">{t('channels.rotate')}</Button>
          </Popconfirm>
          <Popconfirm title={t('channels.removeConfirm')} onConfirm={() => remove.mutate(w.id)}>
            <Button size="small" danger>
              {t('channels.remove')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('channels.title')}
        subtitle={t('channels.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="webhook-new"
          >
            {t('channels.new')}
          </Button>
        }
      />
      <div className="panel">
        <Alert type="info" showIcon style={{ marginBottom: 10 }} message={t('channels.signingHint')} />
        <Table<Webhook>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={hooks.data ?? []}
          loading={hooks.isLoading}
          pagination={false}
          locale={{ emptyText: emptyText(hooks.isLoading, t('channels.empty')) }}
        />
      </div>
      <IntegrationsPanel />
      <Modal
        open={creating}
        title={t('channels.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('catalog.save')}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ events: [] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="url" label={t('channels.url')} rules={[{ required: true, type: 'url' }]}>
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="events" label={t('channels.events')} extra={t('channels.eventsHint')}>
            <Select
              mode="multiple"
              options={(templates.data ?? [])
                .filter((x) => x.event !== 'default')
                .map((x) => ({ value: x.event, label: `${x.event} · ${x.title}` }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t('channels.description')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== null}
        title={t('channels.secretOnce')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('channels.secretSaved')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('channels.secretOnceHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable className="mono">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
