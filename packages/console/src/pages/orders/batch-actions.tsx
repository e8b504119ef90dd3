import { CloseOutlined, DownOutlined } from '@ant-design/icons';
import {
  type AllowedAction,
  type BatchOperation,
  type BatchResult,
  type OrderSummary,
  routes,
} from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useStaff } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import { ActionForm } from './order-workflow.tsx';
import { staffActionsFrom, useWorkflows } from './use-workflows.ts';

type Asking =
  | { kind: 'transition'; action: AllowedAction }
  | { kind: 'assign' }
  | { kind: 'tags' }
  | { kind: 'requested_date' };

/** The workflow actions some of the selected orders allow, with how many of them allow each. */
function useSelectionActions(selected: OrderSummary[]) {
  const { can } = useSession();
  const { locale } = useI18n();
  const workflows = useWorkflows(selected.map((o) => o.workflowId));
  const byAction = new Map<string, { action: AllowedAction; count: number; stages: string[] }>();
  for (const o of selected) {
    const wf = o.workflowId ? workflows.get(o.workflowId) : undefined;
    if (!wf) continue;
    for (const a of staffActionsFrom(wf.definition, o.state, can, locale)) {
      const hit = byAction.get(a.action);
      const stages = wf.definition.states.find((s) => s.key === o.state)?.stages ?? [];
      if (hit) hit.count++;
      else byAction.set(a.action, { action: a, count: 1, stages });
    }
  }
  return [...byAction.values()].sort((a, b) => b.count - a.count);
}

function ResultSummary({ result, onClose }: { result: BatchResult; onClose: () => void }) {
  const { t } = useI18n();
  const failed = result.results.filter((r) => !r.ok);
  return (
    <Modal
      open
      title={t('batch.resultTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="batch-result-close">
          {t('batch.close')}
        </Button>
      }
      width={640}
    >
      <div data-testid="batch-result">
        <Alert
          type={failed.length ? (result.succeeded ? 'warning' : 'error') : 'success'}
          showIcon
          title={
            <span data-testid="batch-result-counts">
              {t('batch.resultCounts', { ok: result.succeeded, failed: result.failed })}
            </span>
          }
        />
        {failed.length ? (
          <Table
            size="small"
            rowKey="id"
            style={{ marginTop: 12 }}
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={failed}
            data-testid="batch-failures"
            columns={[
              {
                title: t('orders.col.number'),
                width: 150,
                render: (_, r) => (
                  <Link to={`/orders/${r.id}`} className="mono">
                    {r.number ?? r.id.slice(-8)}
                  </Link>
                ),
              },
              {
                title: t('batch.code'),
                width: 170,
                render: (_, r) => <Tag className="mono small-tag">{r.code}</Tag>,
              },
              { title: t('batch.message'), render: (_, r) => r.message },
            ]}
          />
        ) : null}
      </div>
    </Modal>
  );
}

/**
 * What can be done to the selected orders at once: the workflow actions their states allow, assign,
 * tags, requested date. One request; each order succeeds or fails on its own and the summary says
 * which and why.
 */
export function BatchActions({
  ids,
  selected,
  onSelect,
}: {
  ids: string[];
  /** the selected orders that are loaded: what their states allow */
  selected: OrderSummary[];
  onSelect: (ids: string[]) => void;
}) {
  const onClear = () => onSelect([]);
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const actions = useSelectionActions(selected);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: (operation: BatchOperation) => api.call(routes.batchOrders, { body: { ids, operation } }),
    onSuccess: (r) => {
      setAsking(null);
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      for (const x of r.results) if (x.ok) void queryClient.invalidateQueries({ queryKey: ['order', x.id] });
    },
    onError: (err) => message.error(isApiError(err) ? err.problem.detail : String(err)),
  });
  if (!can('orders.batch')) return null;

  const close = () => {
    setAsking(null);
    form.resetFields();
  };
  const startAction = (a: AllowedAction) =>
    a.requires.comment || a.requires.fields.length
      ? setAsking({ kind: 'transition', action: a })
      : Modal.confirm({
          title: t('batch.confirmAction', { action: a.name, count: ids.length }),
          okText: t('order.confirm'),
          okButtonProps: { danger: a.tone === 'danger', 'data-testid': 'batch-confirm' } as never,
          onOk: () => run.mutateAsync({ type: 'transition', action: a.action, input: {} }),
        });
  const editForm = asking && asking.kind !== 'transition' ? asking.kind : null;

  return (
    <Flex align="center" gap={8} wrap className="batch-bar" data-testid="batch-bar">
      <Typography.Text strong data-testid="batch-count">
        {t('batch.selected', { count: ids.length })}
      </Typography.Text>
      <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClear} data-testid="batch-clear">
        {t('batch.clear')}
      </Button>
      <span className="batch-sep" />
      {actions.slice(0, 4).map(({ action, count }) => (
        <Button
          key={action.action}
          size="small"
          type={action.tone === 'primary' ? 'primary' : 'default'}
          danger={action.tone === 'danger'}
          loading={run.isPending}
          onClick={() => startAction(action)}
          data-batch-action={action.action}
        >
          {action.name}
          <span className="batch-applies">
            {count}/{ids.length}
          </span>
        </Button>
      ))}
      {actions.length > 4 ? (
        <Dropdown
          menu={{
            items: actions.slice(4).map(({ action, count }) => ({
              key: action.action,
              danger: action.tone === 'danger',
              label: `${action.name} (${count}/${ids.length})`,
              onClick: () => startAction(action),
            })),
          }}
        >
          <Button size="small">
            {t('batch.moreActions')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
      <span className="batch-sep" />
      <Button size="small" onClick={() => setAsking({ kind: 'assign' })} data-testid="batch-assign">
        {t('batch.assign')}
      </Button>
      <Button size="small" onClick={() => setAsking({ kind: 'tags' })} data-testid="batch-tags">
        {t('batch.tags')}
      </Button>
      <Button size="small" onClick={() => setAsking({ kind: 'requested_date' })} data-testid="batch-date">
        {t('batch.requestedDate')}
      </Button>

      {asking?.kind === 'transition' ? (
        <ActionForm
          action={asking.action}
          busy={run.isPending}
          stages={actions.find((a) => a.action.action === asking.action.action)?.stages}
          extra={
            <Typography.Paragraph type="secondary">
              {t('batch.appliesTo', { count: ids.length })}
            </Typography.Paragraph>
          }
          onCancel={close}
          onSubmit={(tr) =>
            run.mutate({
              type: 'transition',
              action: tr.action.action,
              comment: tr.comment,
              input: tr.input ?? {},
            })
          }
        />
      ) : null}
      {editForm ? (
        <Modal
          open
          title={`${t(`batch.${editForm === 'requested_date' ? 'requestedDate' : editForm}`)} · ${t('batch.selected', { count: ids.length })}`}
          okText={t('order.confirm')}
          okButtonProps={{ 'data-testid': 'batch-confirm' } as never}
          confirmLoading={run.isPending}
          onOk={() => form.submit()}
          onCancel={close}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            className="dense-form"
            onFinish={(v: {
              userId?: string;
              add?: string[];
              remove?: string[];
              date?: { format: (f: string) => string };
            }) =>
              run.mutate(
                editForm === 'assign'
                  ? { type: 'assign', userId: v.userId ?? null }
                  : editForm === 'tags'
                    ? { type: 'tags', add: v.add ?? [], remove: v.remove ?? [] }
                    : { type: 'requested_date', date: v.date!.format('YYYY-MM-DD') },
              )
            }
          >
            {editForm === 'assign' ? (
              <Form.Item name="userId" label={t('batch.assignee')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('batch.unassign')}
                  options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
                  data-testid="batch-assignee"
                />
              </Form.Item>
            ) : editForm === 'tags' ? (
              <>
                <Form.Item name="add" label={t('batch.tagsAdd')}>
                  <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="batch-tags-add" />
                </Form.Item>
                <Form.Item name="remove" label={t('batch.tagsRemove')}>
                  <Select
                    mode="tags"
                    tokenSeparators={[',', ' ']}
                    options={[...new Set(selected.flatMap((o) => o.tags))].map((x) => ({
                      value: x,
                      label: x,
                    }))}
                  />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="date" label={t('batch.requestedDate')} rules={[{ required: true }]}>
                <DatePicker data-testid="batch-date-input" />
              </Form.Item>
            )}
          </Form>
        </Modal>
      ) : null}
      {result ? (
        <ResultSummary
          result={result}
          onClose={() => {
            setResult(null);
            // what failed stays selected, to look into or try again
            onSelect(result.results.filter((r) => !r.ok).map((r) => r.id));
          }}
        />
      ) : null}
    </Flex>
  );
}
