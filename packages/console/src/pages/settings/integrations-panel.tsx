import { ApiOutlined } from '@ant-design/icons';
import { type Integration, type IntegrationTest, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { api, isApiError } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';

export const integrationsKey = ['integrations'];
const colors = { ok: 'green', failed: 'red', not_configured: 'default' } as const;

/** Runs one integration's connection test; the list re-reads its latest result afterwards. */
export function useIntegrationTest() {
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => api.call(routes.testIntegration, { params: { id: key } }),
    onSettled: () => void client.invalidateQueries({ queryKey: integrationsKey }),
    onError: (err) => message.error(isApiError(err) ? err.problem.detail : String(err)),
  });
}

/** The outcome tag with the answer underneath: latency when ok, the error as the far end gave it. */
export function TestResult({ result }: { result: IntegrationTest | null }) {
  const { t, locale } = useI18n();
  if (!result) return <Tag data-testid="integration-status">{t('integrations.untested')}</Tag>;
  return (
    <Tooltip title={formatDateTime(result.testedAt, locale)}>
      <span data-testid="integration-result">
        <Tag color={colors[result.outcome]} data-testid="integration-status">
          {t(`integrations.${result.outcome}`)}
          {result.httpStatus ? ` · ${t('integrations.httpStatus', { status: result.httpStatus })}` : ''}
        </Tag>
        <Typography.Text type={result.outcome === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {result.outcome === 'ok' && result.latencyMs !== null
            ? t('integrations.okDetail', { ms: result.latencyMs })
            : result.detail}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** Email, each webhook and the ERP push, credentials masked, each with a "Test connection" button. */
export function IntegrationsPanel() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: integrationsKey, queryFn: () => api.call(routes.listIntegrations) });
  const test = useIntegrationTest();
  if (list.error) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const columns: TableColumnsType<Integration> = [
    {
      title: t('integrations.name'),
      key: 'kind',
      width: 220,
      render: (_, i) => (
        <>
          <div>{t(`integrations.kind.${i.kind}`)}</div>
          {i.description ? <div className="muted">{i.description}</div> : null}
        </>
      ),
    },
    {
      title: t('integrations.target'),
      dataIndex: 'target',
      render: (v: string | null, i) =>
        v ? (
          <span className="mono" data-testid="integration-target">
            {v}
            {i.configured && !i.enabled ? (
              <Tag style={{ marginLeft: 6 }}>{t('integrations.disabled')}</Tag>
            ) : null}
          </span>
        ) : (
          <Tag>{t('integrations.not_configured')}</Tag>
        ),
    },
    {
      title: t('integrations.lastTest'),
      key: 'lastTest',
      width: 340,
      render: (_, i) => <TestResult result={i.lastTest} />,
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, i) => (
        <Button
          size="small"
          icon={<ApiOutlined />}
          loading={test.isPending && test.variables === i.key}
          onClick={() => test.mutate(i.key)}
          data-testid={`integration-test-${i.kind}`}
        >
          {t('integrations.test')}
        </Button>
      ),
    },
  ];
  return (
    <div className="panel" style={{ marginTop: 16 }} data-testid="integrations">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('integrations.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('integrations.subtitle')}</Typography.Paragraph>
      <Table<Integration>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isLoading}
        pagination={false}
      />
    </div>
  );
}
