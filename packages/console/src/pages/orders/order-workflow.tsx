import { type AllowedAction, type Order, type RouteInput, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/session-context.tsx';
import { useCodeLabel } from './order-tags.tsx';
import { useWorkflows } from './use-workflows.ts';

type TransitionInput = NonNullable<RouteInput<typeof routes.transitionOrder>['body']>['input'];
export type Transition = { action: AllowedAction; comment?: string; input: TransitionInput };

/** What an action asks for before it is taken: a comment, a reason, minutes, a tracking number… */
export function ActionForm({
  action,
  onSubmit,
  onCancel,
  busy,
  stages = [],
  extra,
}: {
  action: AllowedAction;
  onSubmit: (t: Transition) => void;
  onCancel: () => void;
  busy: boolean;
  /** The production stages of the state, offered for a `stage` input */
  stages?: string[];
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const label = useCodeLabel();
  const [form] = Form.useForm();
  const submit = (v: Record<string, unknown>) => {
    const { comment, ...input } = v;
    onSubmit({
      action,
      comment: (comment as string | undefined)?.trim() || undefined,
      input: input as TransitionInput,
    });
  };
  return (
    <Modal
      open
      title={action.name}
      okText={t('order.confirm')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ danger: action.tone === 'danger', 'data-testid': 'action-confirm' } as never}
      destroyOnHidden
    >
      {extra}
      <Form form={form} layout="vertical" onFinish={submit} className="dense-form">
        {action.requires.fields.map((f) => (
          <Form.Item key={f} name={f} label={t(`order.input.${f}`)} rules={[{ required: true }]}>
            {f === 'prepMinutes' ? (
              <InputNumber min={1} max={600} precision={0} autoFocus />
            ) : f === 'stage' && stages.length ? (
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="large"
                data-testid="stage-choice"
                options={stages.map((st) => ({ value: st, label: label('stage', st) }))}
              />
            ) : (
              <Input autoFocus />
            )}
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('order.comment')} rules={[{ required: action.requires.comment }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The actions the order's workflow lets this user take now (the server decides: permission, scope,
 * state, conditions); each posts a transition with the version shown, so a stale page gets a
 * conflict instead of acting on an order that moved on.
 */
export function OrderActions({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const wf = order.workflow;
  const definition = useWorkflows([wf?.workflowId]).get(wf?.workflowId ?? '')?.definition;
  const stages = definition?.states.find((s) => s.key === order.state)?.stages ?? [];
  const take = useMutation({
    mutationFn: ({ action, comment, input }: Transition) =>
      api.call(routes.transitionOrder, {
        params: { id: order.id },
        body: { action: action.action, expectedVersion: order.version, comment, input },
      }),
    onSuccess: (_o, { action }) => {
      setAsking(null);
      message.success(t('order.transitioned', { action: action.name }));
      void queryClient.invalidateQueries({ queryKey: ['order', order.id] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    },
    onError: (err) => {
      message.error(isApiError(err) ? err.problem.detail : t('order.actionFailed'));
      // the order may have moved on: show what it is now
      void queryClient.invalidateQueries({ queryKey: ['order', order.id] });
    },
  });
  if (!wf) return null;
  const start = (a: AllowedAction) =>
    a.requires.comment || a.requires.fields.length ? setAsking(a) : take.mutate({ action: a, input: {} });

  return (
    <Card size="small" title={t('order.actions')} data-testid="order-actions">
      <Flex gap={6} wrap align="center" className="workflow-state">
        <Typography.Text type="secondary">{t('order.stateName')}</Typography.Text>
        <Typography.Text strong>{wf.stateName}</Typography.Text>
        {wf.overdue ? <Tag color="red">{t('order.overdue')}</Tag> : null}
        {wf.dueAt && !wf.overdue ? (
          <Typography.Text type="secondary" className="muted">
            {t('order.dueAt', { time: formatDateTime(wf.dueAt, locale, timeZone) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {wf.allowedActions.length ? (
        <Flex gap={8} wrap>
          {wf.allowedActions.map((a) => (
            <Tooltip key={a.action} title={a.blockedBy}>
              <Button
                type={a.tone === 'primary' ? 'primary' : 'default'}
                danger={a.tone === 'danger'}
                disabled={!!a.blockedBy || take.isPending}
                loading={take.isPending && take.variables?.action.action === a.action && !asking}
                onClick={() => start(a)}
                data-action={a.action}
              >
                {a.name}
              </Button>
            </Tooltip>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('order.noActions')}</Typography.Text>
      )}
      {asking ? (
        <ActionForm
          action={asking}
          stages={stages}
          busy={take.isPending}
          onSubmit={(tr) => take.mutate(tr)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
    </Card>
  );
}
