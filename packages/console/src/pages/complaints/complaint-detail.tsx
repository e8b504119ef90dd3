import { type Complaint, type ComplaintAction, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Image, Input, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/session-context.tsx';
import { ComplaintRespond, RefundForm } from './complaint-forms.tsx';
import { ComplaintHistory } from './complaint-history.tsx';
import { ComplaintKindTag, ComplaintStateTag, OverdueTag } from './complaint-tags.tsx';

/** After any change: this complaint, the lists and the order's section show the new state. */
export function useComplaintRefresh(id: string) {
  const client = useQueryClient();
  return (c?: Complaint) => {
    if (c) client.setQueryData(['complaint', id], c);
    void client.invalidateQueries({ queryKey: ['complaint', id] });
    void client.invalidateQueries({ queryKey: ['complaints'] });
    void client.invalidateQueries({ queryKey: ['order-complaints'] });
  };
}

export function useProblemMessage() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return (err: unknown) => message.error(isApiError(err) ? err.problem.detail : t('complaints.failed'));
}

function Photos({ id }: { id: string }) {
  const { t } = useI18n();
  const photos = useQuery({
    queryKey: ['complaint', id, 'attachments'],
    queryFn: () => api.call(routes.listComplaintAttachments, { params: { id } }),
  });
  const items = photos.data?.items ?? [];
  if (photos.isLoading) return <Spin size="small" />;
  if (!items.length) return <span className="muted">{t('complaints.noPhotos')}</span>;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap className="complaint-photos" data-testid="complaint-photos">
        {items.map((a) =>
          a.hasThumbnail ? (
            <Image
              key={a.id}
              src={`/api/attachments/${a.id}/thumbnail`}
              preview={{ src: `/api/attachments/${a.id}/file` }}
              alt={a.name}
              width={96}
              height={96}
            />
          ) : (
            <a key={a.id} href={`/api/attachments/${a.id}/file`}>
              {a.name}
            </a>
          ),
        )}
      </Flex>
    </Image.PreviewGroup>
  );
}

function Actions({ complaint }: { complaint: Complaint }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useComplaintRefresh(complaint.id);
  const fail = useProblemMessage();
  const [resolving, setResolving] = useState(false);
  const [comment, setComment] = useState('');
  const take = useMutation({
    mutationFn: ({ action, note }: { action: ComplaintAction; note?: string }) =>
      api.call(routes.transitionComplaint, {
        params: { id: complaint.id },
        body: { action, expectedVersion: complaint.version, comment: note },
      }),
    onSuccess: (c, { action }) => {
      setResolving(false);
      setComment('');
      message.success(t('complaints.transitioned', { action: t(`complaints.action.${action}`) }));
      refresh(c);
    },
    onError: (err) => {
      fail(err);
      refresh();
    },
  });
  if (!complaint.actions.length) return null;
  return (
    <Flex gap={8} wrap data-testid="complaint-actions">
      {complaint.actions.map((a) => (
        <Button
          key={a}
          type={a === 'resolve' ? 'primary' : 'default'}
          loading={take.isPending && take.variables?.action === a}
          disabled={take.isPending}
          onClick={() => (a === 'resolve' ? setResolving(true) : take.mutate({ action: a }))}
          data-action={a}
        >
          {t(`complaints.action.${a}`)}
        </Button>
      ))}
      <Modal
        open={resolving}
        title={t('complaints.action.resolve')}
        onCancel={() => setResolving(false)}
        onOk={() => take.mutate({ action: 'resolve', note: comment.trim() })}
        okButtonProps={{ disabled: !comment.trim(), 'data-testid': 'resolve-confirm' } as never}
        confirmLoading={take.isPending}
        destroyOnHidden
      >
        <Input.TextArea
          autoFocus
          placeholder={t('complaints.resolveComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={1000}
          data-testid="resolve-comment"
        />
      </Modal>
    </Flex>
  );
}

function Assign({ complaint }: { complaint: Complaint }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useComplaintRefresh(complaint.id);
  const fail = useProblemMessage();
  const people = useQuery({
    queryKey: ['complaint', complaint.id, 'assignees'],
    queryFn: () => api.call(routes.listComplaintAssignees, { params: { id: complaint.id } }),
    enabled: complaint.canAssign,
  });
  const assign = useMutation({
    mutationFn: (assigneeId: string | null) =>
      api.call(routes.assignComplaint, {
        params: { id: complaint.id },
        body: { assigneeId, expectedVersion: complaint.version },
      }),
    onSuccess: (c) => {
      message.success(t('complaints.assigned'));
      refresh(c);
    },
    onError: (err) => {
      fail(err);
      refresh();
    },
  });
  if (!complaint.canAssign) return <span>{complaint.assigneeName ?? t('complaints.unassigned')}</span>;
  return (
    <Select<string>
      allowClear
      style={{ width: 220 }}
      placeholder={t('complaints.assignPlaceholder')}
      value={complaint.assigneeId ?? undefined}
      loading={people.isLoading || assign.isPending}
      onChange={(v) => assign.mutate(v ?? null)}
      options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
      data-testid="complaint-assignee"
    />
  );
}

/** One complaint: what the customer said, photos, who handles it, what may be done, and its history. */
export function ComplaintDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { storeName, timeZone } = useSession();
  const q = useQuery({
    queryKey: ['complaint', id],
    queryFn: () => api.call(routes.getComplaint, { params: { id } }),
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  if (!c) return <Spin />;
  return (
    <Flex vertical gap={12} data-testid="complaint-detail" data-state={c.state}>
      <Flex align="center" gap={8} wrap>
        <Link to={`/orders/${c.orderId}`} className="mono">
          {c.orderNumber}
        </Link>
        <ComplaintKindTag kind={c.kind} />
        <ComplaintStateTag state={c.state} />
        {c.overdue ? <OverdueTag /> : null}
        {c.dueAt && !c.overdue ? (
          <span className="muted">
            {t('complaints.dueAt', { time: formatDateTime(c.dueAt, locale, timeZone) })}
          </span>
        ) : null}
      </Flex>
      <Descriptions
        size="small"
        column={2}
        items={[
          {
            key: 'customer',
            label: t('complaints.col.customer'),
            children: c.customerName ?? t('common.none'),
          },
          {
            key: 'store',
            label: t('complaints.filter.store'),
            children: storeName(c.storeId) ?? t('common.none'),
          },
          {
            key: 'filed',
            label: t('complaints.filedBy'),
            children: `${c.filedBy.name ?? t('complaints.customer')} · ${formatDateTime(c.createdAt, locale, timeZone)}`,
          },
          { key: 'assignee', label: t('complaints.assign'), children: <Assign complaint={c} /> },
        ]}
      />
      <Card size="small" title={t('complaints.description')}>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
          data-testid="complaint-description"
        >
          {c.description}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('complaints.photos')}>
        <Photos id={c.id} />
      </Card>
      <Actions complaint={c} />
      {c.canRespond ? <ComplaintRespond complaint={c} /> : null}
      {c.canDecideRefund || c.refunds.length ? <RefundForm complaint={c} /> : null}
      <Card size="small" title={t('complaints.history')}>
        <ComplaintHistory complaint={c} />
      </Card>
    </Flex>
  );
}
