import { routes, type Workflow } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { emptyText } from '../../components/empty-text.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';

export const workflowsKey = ['workflows'] as const;

/** Every published version of each workflow definition; the newest of a key is what new orders use. */
export function WorkflowsPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const userName = useUserNames();
  const q = useQuery({ queryKey: workflowsKey, queryFn: () => api.call(routes.listWorkflows) });
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const columns: TableColumnsType<Workflow> = [
    {
      title: t('workflows.name'),
      key: 'name',
      render: (_, w) => (
        <Link to={`/settings/workflows/${w.id}`} data-testid="workflow-link">
          {w.definition.name[locale]}
        </Link>
      ),
    },
    {
      title: t('workflows.key'),
      dataIndex: 'key',
      width: 140,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('workflows.version'),
      dataIndex: 'version',
      width: 130,
      render: (v: number, w) => (
        <>
          v{v} {w.current ? <Tag color="green">{t('workflows.current')}</Tag> : null}
        </>
      ),
    },
    {
      title: t('workflows.states'),
      key: 'states',
      width: 90,
      align: 'right',
      render: (_, w) => w.definition.states.length,
    },
    {
      title: t('workflows.transitions'),
      key: 'transitions',
      width: 90,
      align: 'right',
      render: (_, w) => w.definition.transitions.length,
    },
    {
      title: t('workflows.publishedBy'),
      dataIndex: 'publishedBy',
      width: 130,
      render: (v: string | null) => userName(v) ?? (v ? v.slice(-6) : t('workflows.builtIn')),
    },
    {
      title: t('workflows.publishedAt'),
      dataIndex: 'publishedAt',
      width: 170,
      render: (v: string) => formatDateTime(v, locale, timeZone),
    },
  ];
  return (
    <>
      <PageHeader title={t('workflows.title')} subtitle={t('workflows.subtitle')} />
      <div className="panel">
        <Table<Workflow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isLoading}
          pagination={false}
          locale={{ emptyText: emptyText(q.isLoading, t('workflows.empty')) }}
          data-testid="workflows-table"
        />
      </div>
    </>
  );
}
