import { type Delegation, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Divider, Drawer, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/session-context.tsx';

type Values = { delegateId: string; period: [Dayjs, Dayjs]; reason?: string };

function DelegationLine({ d, of }: { d: Delegation; of: 'mine' | 'toMe' }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  return (
    <Flex gap={8} align="center" wrap>
      <Tag color={d.active ? 'green' : 'default'}>
        {t(d.active ? 'approvals.delegation.active' : 'approvals.delegation.upcoming')}
      </Tag>
      <Typography.Text>
        {t('approvals.delegation.current', {
          name: of === 'mine' ? d.delegateName : d.delegatorName,
          until: formatDateTime(d.until, locale, timeZone),
        })}
      </Typography.Text>
      {d.reason ? <Typography.Text type="secondary">· {d.reason}</Typography.Text> : null}
    </Flex>
  );
}

/** Who decides my approvals while I am away, and whose I decide. */
export function DelegationPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const current = useQuery({
    queryKey: ['approvals', 'delegation'],
    queryFn: () => api.call(routes.getApprovalDelegations),
    enabled: open,
  });
  const people = useQuery({
    queryKey: ['approvals', 'delegates'],
    queryFn: () => api.call(routes.listDelegateCandidates),
    enabled: open,
    staleTime: 300_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['approvals'] });
  const fail = (e: unknown) =>
    void message.error(isApiError(e) ? (e.problem.fields?.[0]?.message ?? e.problem.detail) : String(e));
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.putApprovalDelegation, {
        body: {
          delegateId: v.delegateId,
          from: v.period[0].toISOString(),
          until: v.period[1].toISOString(),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
      }),
    onSuccess: () => {
      void message.success(t('approvals.delegation.saved'));
      void refresh();
    },
    onError: fail,
  });
  const end = useMutation({
    mutationFn: () => api.call(routes.deleteApprovalDelegation),
    onSuccess: () => {
      void message.success(t('approvals.delegation.ended'));
      form.resetFields();
      void refresh();
    },
    onError: fail,
  });
  const mine = current.data?.mine;
  return (
    <Drawer open={open} onClose={onClose} size={480} title={t('approvals.delegation.title')}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary">{t('approvals.delegation.help')}</Typography.Paragraph>
        {mine ? (
          <Flex vertical gap={8}>
            <DelegationLine d={mine} of="mine" />
            <Button
              danger
              onClick={() => end.mutate()}
              loading={end.isPending}
              style={{ alignSelf: 'start' }}
            >
              {t('approvals.delegation.end')}
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('approvals.delegation.none')}</Typography.Text>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ period: [dayjs(), dayjs().add(7, 'day')] }}
        >
          <Form.Item
            name="delegateId"
            label={t('approvals.delegation.delegate')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={people.isLoading}
              options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('approvals.delegation.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="reason" label={t('approvals.delegation.reason')}>
            <Input maxLength={300} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('approvals.delegation.save')}
          </Button>
        </Form>
        {current.data?.toMe.length ? (
          <>
            <Divider style={{ margin: 0 }} />
            <Typography.Text strong>{t('approvals.delegation.toMe')}</Typography.Text>
            {current.data.toMe.map((d) => (
              <DelegationLine key={d.id} d={d} of="toMe" />
            ))}
          </>
        ) : null}
      </Flex>
    </Drawer>
  );
}
