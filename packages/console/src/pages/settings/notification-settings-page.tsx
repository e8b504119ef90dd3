import {
  type Effect,
  type NotificationSettings,
  type NotificationTemplate,
  notifyChannels,
  notifyTargets,
  routes,
  type WorkflowDefinition,
} from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Switch, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { emptyText } from '../../components/empty-text.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TemplateText } from '../../components/template-text.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { NoticeTextModal } from './notice-text-modal.tsx';

type Rule = NotificationSettings['events'][string];
type Target = (typeof notifyTargets)[number];
type Channel = (typeof notifyChannels)[number];
type Row = {
  event: string;
  title: string;
  body: string;
  builtIn: NotificationTemplate['builtIn'];
  defaults: { to: Target[]; channels: Channel[] } | null;
};

/** Each notify effect of the current workflows, by event key: who the definition tells, and how. */
function workflowDefaults(defs: WorkflowDefinition[]) {
  const out = new Map<string, { to: Set<Target>; channels: Set<Channel> }>();
  const add = (e: Effect) => {
    if (e.type !== 'notify') return;
    const d = out.get(e.event) ?? { to: new Set(), channels: new Set() };
    for (const x of e.to) d.to.add(x);
    for (const c of e.channels) d.channels.add(c);
    out.set(e.event, d);
  };
  for (const def of defs) {
    for (const s of def.states) s.onEnter.forEach(add);
    for (const t of def.transitions) t.effects.forEach(add);
  }
  return out;
}

export function NotificationSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => api.call(routes.getNotificationSettings),
  });
  const templates = useQuery({
    queryKey: ['notification-templates'],
    queryFn: () => api.call(routes.listNotificationTemplates),
  });
  const workflows = useQuery({ queryKey: ['workflows'], queryFn: () => api.call(routes.listWorkflows) });
  const [events, setEvents] = useState<Record<string, Rule>>({});
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);
  useEffect(() => {
    if (settings.data) setEvents(settings.data.events);
  }, [settings.data]);

  const rows = useMemo<Row[]>(() => {
    const defaults = workflowDefaults(
      (workflows.data?.items ?? []).filter((w) => w.current).map((w) => w.definition),
    );
    const texts = new Map((templates.data ?? []).map((x) => [x.event, x]));
    const keys = new Set([...texts.keys(), ...defaults.keys(), ...Object.keys(settings.data?.events ?? {})]);
    keys.delete('default');
    return [...keys].sort().map((event) => {
      const d = defaults.get(event);
      const text = texts.get(event) ?? texts.get('default');
      return {
        event,
        title: text?.title ?? '',
        body: text?.body ?? '',
        builtIn: (text?.builtIn ?? {}) as Row['builtIn'],
        defaults: d ? { to: [...d.to], channels: [...d.channels] } : null,
      };
    });
  }, [templates.data, workflows.data, settings.data]);

  const save = useMutation({
    mutationFn: () => api.call(routes.updateNotificationSettings, { body: { events } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['notification-settings'], saved);
      setDirty(false);
      message.success(t('catalog.saved'));
    },
    onError: (err) => message.error(isApiError(err) ? err.problem.detail : String(err)),
  });

  const change = (event: string, patch: Partial<Rule> | null) => {
    setDirty(true);
    setEvents((prev) => {
      const next = { ...prev };
      if (patch === null) delete next[event];
      else {
        const merged = { ...(prev[event] ?? { enabled: true }), ...patch };
        // an empty list means "as the workflow says", which the API writes as a missing key
        if (!merged.to?.length) delete merged.to;
        if (!merged.channels?.length) delete merged.channels;
        if (!merged.texts) delete merged.texts;
        next[event] = merged;
      }
      return next;
    });
  };

  const error = settings.error ?? templates.error ?? workflows.error;
  if (error) return <QueryError error={error} onRetry={() => void settings.refetch()} />;
  const loading = settings.isLoading || templates.isLoading || workflows.isLoading;
  const chip = (kind: 'target' | 'channel', v: string) => (
    <Tag key={v}>{t(`notify.${kind}.${v}` as never)}</Tag>
  );

  const columns: TableColumnsType<Row> = [
    {
      title: t('notify.event'),
      key: 'event',
      width: 260,
      render: (_, r) => (
        <Tooltip title={r.body}>
          <div>
            <TemplateText text={r.title} />
          </div>
          <div className="muted mono">{r.event}</div>
        </Tooltip>
      ),
    },
    {
      title: t('notify.workflowDefault'),
      key: 'defaults',
      width: 250,
      render: (_, r) =>
        r.defaults ? (
          <>
            {r.defaults.to.map((x) => chip('target', x))}
            <span className="muted"> · </span>
            {r.defaults.channels.map((x) => chip('channel', x))}
          </>
        ) : (
          <span className="muted">{t('notify.notInWorkflow')}</span>
        ),
    },
    {
      title: t('notify.enabled'),
      key: 'enabled',
      width: 70,
      render: (_, r) => (
        <Switch
          size="small"
          checked={events[r.event]?.enabled ?? true}
          onChange={(enabled) => change(r.event, { enabled })}
          data-testid={`notify-enabled-${r.event}`}
        />
      ),
    },
    {
      title: t('notify.to'),
      key: 'to',
      render: (_, r) => (
        <Select<Target[]>
          mode="multiple"
          size="small"
          allowClear
          style={{ width: '100%' }}
          placeholder={t('notify.asWorkflow')}
          value={events[r.event]?.to ?? []}
          onChange={(to) => change(r.event, { to })}
          options={notifyTargets.map((x) => ({ value: x, label: t(`notify.target.${x}`) }))}
        />
      ),
    },
    {
      title: t('notify.channels'),
      key: 'channels',
      width: 260,
      render: (_, r) => (
        <Select<Channel[]>
          mode="multiple"
          size="small"
          allowClear
          style={{ width: '100%' }}
          placeholder={t('notify.asWorkflow')}
          value={events[r.event]?.channels ?? []}
          onChange={(channels) => change(r.event, { channels })}
          options={notifyChannels.map((x) => ({ value: x, label: t(`notify.channel.${x}`) }))}
        />
      ),
    },
    {
      title: t('notify.texts.column'),
      key: 'texts',
      width: 110,
      render: (_, r) => (
        <Button size="small" onClick={() => setEditing(r)} data-testid={`notify-texts-${r.event}`}>
          {events[r.event]?.texts ? t('notify.texts.own') : t('notify.texts.builtIn')}
        </Button>
      ),
    },
    {
      title: '',
      key: 'reset',
      width: 80,
      render: (_, r) =>
        events[r.event] ? (
          <Button size="small" type="link" onClick={() => change(r.event, null)}>
            {t('notify.reset')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notify.title')}
        subtitle={t('notify.subtitle')}
        extra={
          <Button
            type="primary"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="notify-save"
          >
            {t('catalog.save')}
          </Button>
        }
      />
      <div className="panel">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('notify.hint')}
        </Typography.Paragraph>
        <Table<Row>
          size="small"
          rowKey="event"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          locale={{ emptyText: emptyText(loading, t('notify.empty')) }}
          data-testid="notify-table"
        />
      </div>
      {editing && (
        <NoticeTextModal
          open
          event={editing.event}
          builtIn={editing.builtIn}
          value={events[editing.event]?.texts}
          onClose={() => setEditing(null)}
          onSave={(texts) => {
            change(editing.event, { texts });
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
