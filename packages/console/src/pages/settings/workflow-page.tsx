import { ArrowLeftOutlined, CopyOutlined } from '@ant-design/icons';
import { type FieldError, routes, type WorkflowDefinition } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Descriptions, Flex, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/session-context.tsx';
import { WorkflowDiagram } from './workflow-diagram.tsx';
import { WorkflowEditor } from './workflow-editor.tsx';
import { issuesOf } from './workflow-issues.ts';
import { WorkflowSummary } from './workflow-summary.tsx';
import { useUnsavedGuard } from './workflow-unsaved-guard.ts';
import { workflowsKey } from './workflows-page.tsx';

type Check =
  | { kind: 'valid'; nextVersion: number }
  | { kind: 'invalid'; detail: string; fields: FieldError[] }
  | null;

export function WorkflowPage() {
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: [...workflowsKey, id],
    queryFn: () => api.call(routes.getWorkflow, { params: { id } }),
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Spin style={{ margin: 80 }} />;
  return <WorkflowView key={id} workflow={q.data} />;
}

function WorkflowView({
  workflow,
}: {
  workflow: NonNullable<Awaited<ReturnType<typeof api.call<typeof routes.getWorkflow>>>>;
}) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<WorkflowDefinition | null>(null);
  const [check, setCheck] = useState<Check>(null);
  const [makeDefault, setMakeDefault] = useState(false);
  const [openActions, setOpenActions] = useState<string[]>([]);
  const dirty = !!draft && JSON.stringify(draft) !== JSON.stringify(workflow.definition);
  const confirmLeave = useUnsavedGuard(dirty);

  const failed = (err: unknown) => {
    if (isApiError(err) && err.problem.fields?.length)
      setCheck({ kind: 'invalid', detail: err.problem.detail, fields: err.problem.fields });
    else message.error(isApiError(err) ? err.problem.detail : String(err));
  };
  const validate = useMutation({
    mutationFn: (d: WorkflowDefinition) => api.call(routes.validateWorkflow, { body: { definition: d } }),
    onSuccess: (r) => setCheck({ kind: 'valid', nextVersion: r.nextVersion }),
    onError: failed,
  });
  const publish = useMutation({
    mutationFn: (d: WorkflowDefinition) =>
      api.call(routes.publishWorkflow, { body: { definition: d, makeDefault } }),
    onSuccess: (w) => {
      void queryClient.invalidateQueries({ queryKey: workflowsKey });
      message.success(t('workflows.published', { version: w.version }));
      setDraft(null);
      setCheck(null);
      navigate(`/settings/workflows/${w.id}`);
    },
    onError: failed,
  });

  const edit = (d: WorkflowDefinition) => {
    setDraft(d);
    setCheck(null); // an edit makes an earlier check stale
  };
  const shown = draft ?? workflow.definition;
  const fields = check?.kind === 'invalid' ? check.fields : [];
  const issues = issuesOf(fields);
  // the diagram marks the states and transitions a problem is about
  const faultyRows = (list: 'states' | 'transitions') =>
    Object.keys(issues)
      .map((k) => new RegExp(`^${list}\\.(\\d+)`).exec(k))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]));
  const badStates = faultyRows('states').map((i) => shown.states[i]?.key ?? '');
  const badActions = faultyRows('transitions').map((i) => shown.transitions[i]?.action ?? '');

  return (
    <>
      <PageHeader
        title={`${workflow.definition.name[locale]} · v${workflow.version}`}
        subtitle={draft ? t('workflows.editing') : t('workflows.viewSubtitle')}
        extra={
          <>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => confirmLeave(() => navigate('/settings/workflows'))}
            >
              {t('catalog.back')}
            </Button>
            {draft ? (
              <>
                {dirty ? (
                  <Tag color="orange" style={{ alignSelf: 'center' }} data-testid="workflow-dirty">
                    {t('workflows.unsaved')}
                  </Tag>
                ) : null}
                <Button
                  onClick={() =>
                    confirmLeave(() => {
                      setDraft(null);
                      setCheck(null);
                    })
                  }
                  data-testid="workflow-cancel"
                >
                  {t('common.cancel')}
                </Button>
                <Button
                  onClick={() => validate.mutate(draft)}
                  loading={validate.isPending}
                  data-testid="workflow-validate"
                >
                  {t('workflows.validate')}
                </Button>
                <Checkbox
                  checked={makeDefault}
                  onChange={(e) => setMakeDefault(e.target.checked)}
                  style={{ alignSelf: 'center' }}
                >
                  {t('workflows.makeDefault')}
                </Checkbox>
                <Button
                  type="primary"
                  onClick={() => publish.mutate(draft)}
                  loading={publish.isPending}
                  data-testid="workflow-publish"
                >
                  {t('workflows.publish')}
                </Button>
              </>
            ) : (
              <Button
                type="primary"
                icon={<CopyOutlined />}
                onClick={() => edit(structuredClone(workflow.definition))}
                data-testid="workflow-copy"
              >
                {t('workflows.copyEdit')}
              </Button>
            )}
          </>
        }
      />
      {check?.kind === 'valid' ? (
        <Alert
          type="success"
          showIcon
          message={t('workflows.valid', { version: check.nextVersion })}
          style={{ marginBottom: 12 }}
          data-testid="workflow-valid"
        />
      ) : null}
      {check?.kind === 'invalid' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={check.detail}
          data-testid="workflow-invalid"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {check.fields.map((f) => (
                <li key={`${f.field}:${f.code}`}>
                  <span className="mono">{f.field.replace(/^body\.definition\./, '')}</span> — {f.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div className="panel" style={{ marginBottom: 12 }}>
        <Flex gap={16} wrap className="toolbar">
          {(['draft', 'open', 'in_progress', 'done', 'cancelled'] as const).map((c) => (
            <Tag key={c} className={`legend legend-${c}`}>
              {t(`workflows.category.${c}`)}
            </Tag>
          ))}
        </Flex>
        <WorkflowDiagram
          definition={shown}
          locale={locale}
          highlight={badStates}
          faultyActions={badActions}
          selectedActions={draft ? openActions : []}
        />
      </div>
      <div className="panel">
        {draft ? (
          <WorkflowEditor draft={draft} onChange={edit} issues={issues} onOpenTransitions={setOpenActions} />
        ) : (
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label={t('workflows.key')}>{workflow.key}</Descriptions.Item>
            <Descriptions.Item label={t('workflows.version')}>
              v{workflow.version}{' '}
              {workflow.current ? <Tag color="green">{t('workflows.current')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('workflows.publishedAt')}>
              {formatDateTime(workflow.publishedAt, locale, timeZone)}
            </Descriptions.Item>
            {workflow.definition.states.map((s) => (
              <Descriptions.Item key={s.key} label={s.name[locale]}>
                <Tag>{t(`workflows.category.${s.category}`)}</Tag>
                {s.slaMinutes ? t('workflows.slaValue', { n: s.slaMinutes }) : null}{' '}
                <span className="muted">
                  →{' '}
                  {workflow.definition.transitions
                    .filter((x) => x.from.includes(s.key))
                    .map((x) => x.name[locale])
                    .join(' · ') || '—'}
                </span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {draft ? null : <WorkflowSummary definition={workflow.definition} />}
      </div>
    </>
  );
}
