import { routes } from '@orderloop/contract';
import { Flex, Select, type TableColumnsType, Tag } from 'antd';
import { api } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { isMessageKey, useI18n } from '../i18n/i18n-context.tsx';
import { zhCN } from '../i18n/zh-cn.ts';
import { formatDateTime, shortId } from '../lib/format.ts';
import { usePagedQuery } from '../lib/use-paged-query.ts';
import { compact, useUrlFilters } from '../lib/use-url-state.ts';
import { useSession } from '../session/session-context.tsx';
import { AuditChanges } from './audit-changes.tsx';

// What the server records today (see the services' recordAudit calls), as the dictionary names
// them; an unknown one still filters fine.
const entityTypes = Object.keys(zhCN)
  .filter((k) => k.startsWith('audit.entity.'))
  .map((k) => k.slice('audit.entity.'.length));
const actions = Object.keys(zhCN)
  .filter((k) => k.startsWith('audit.action.') && k !== 'audit.action.order.other')
  .map((k) => k.slice('audit.action.'.length));

const actionColor = (action: string) =>
  action.endsWith('failed') || action.endsWith('locked') || action.endsWith('deleted')
    ? 'red'
    : action.endsWith('created')
      ? 'green'
      : action.startsWith('auth.') || action.startsWith('customer.log')
        ? 'default'
        : 'blue';

export function AuditPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const [filters, setFilters] = useUrlFilters(['entityType', 'action'] as const);
  const list = usePagedQuery(['audit', filters], (cursor) =>
    api.call(routes.listAudit, { query: { ...compact(filters), cursor } }),
  );
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    if (isMessageKey(key)) return t(key);
    // a custom workflow's move: its action's own name is the only word there is
    if (prefix === 'audit.action' && value.startsWith('order.'))
      return t('audit.action.order.other', { action: value.slice('order.'.length) });
    return value;
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      width: 160,
      render: (v: string) => <span className="mono">{formatDateTime(v, locale, timeZone)}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 140,
      render: (_, e) =>
        e.actorType === 'system' ? (
          <Tag>{t('audit.system')}</Tag>
        ) : (
          <span>
            {e.actorName ?? (e.actorId ? shortId(e.actorId) : t('common.none'))}
            {e.actorType === 'customer' ? <span className="muted"> · {t('audit.customerActor')}</span> : null}
          </span>
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tag color={actionColor(v)} title={v}>
          {label('audit.action', v)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 150,
      render: (_, e) => (
        <span>
          {label('audit.entity', e.entityType)} <span className="mono muted">{shortId(e.entityId)}</span>
        </span>
      ),
    },
    {
      title: t('audit.changes'),
      dataIndex: 'changes',
      render: (v: AuditEntry['changes']) => <AuditChanges changes={v} />,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 110,
      render: (v: string | null) => <span className="mono muted">{v ?? ''}</span>,
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <div className="panel">
        <Flex className="toolbar" gap={8}>
          <Select
            allowClear
            placeholder={t('audit.entityType')}
            value={filters.entityType || undefined}
            onChange={(v?: string) => setFilters({ entityType: v })}
            style={{ width: 180 }}
            data-testid="audit-entity-type"
            options={entityTypes.map((e) => ({ value: e, label: label('audit.entity', e) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.action')}
            value={filters.action || undefined}
            onChange={(v?: string) => setFilters({ action: v })}
            style={{ width: 220 }}
            data-testid="audit-action"
            options={actions.map((a) => ({ value: a, label: label('audit.action', a) }))}
          />
        </Flex>
        <PagedTable<AuditEntry> list={list} columns={columns} empty={t('audit.empty')} />
      </div>
    </>
  );
}
