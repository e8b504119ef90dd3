import {
  type OrderPayments as Ledger,
  type Order,
  type Payment,
  type PaymentKind,
  paymentMethods,
  routes,
} from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { currencyDigits, currencySymbol, formatMoney, toMajor, toMinor } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { PaymentTag } from './order-tags.tsx';

const problemText = (err: unknown) => (isApiError(err) ? err.problem.detail : String(err));

/** After any change: the ledger, the order (status, version) and the lists showing it. */
function useRefresh(orderId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['order-payments', orderId] });
    void queryClient.invalidateQueries({ queryKey: ['order', orderId] });
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
}

type EntryValues = { method: Payment['method']; amount: number; reference?: string; note?: string };

/** Record money taken (or given back) at the counter; the amount starts at what is left. */
function EntryModal({
  order,
  kind,
  max,
  onClose,
}: {
  order: Order;
  kind: PaymentKind;
  max: number;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefresh(order.id);
  const [form] = Form.useForm<EntryValues>();
  // one key per modal: a double click or a retry after a lost answer records once
  const key = useRef(newIdempotencyKey());
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const save = useMutation({
    mutationFn: (v: EntryValues) =>
      api.call(routes.recordPayment, {
        params: { id: order.id },
        body: {
          kind,
          method: v.method,
          amount: toMinor(v.amount, order.currency),
          reference: v.reference?.trim() || undefined,
          note: v.note?.trim() || undefined,
        },
        idempotencyKey: key.current,
      }),
    onSuccess: (r) => {
      message.success(t('payments.saved', { amount: money(r.payment.amount) }));
      refresh();
      onClose();
    },
    onError: (err) => {
      key.current = newIdempotencyKey();
      applyFieldErrors(form, err, (p) => ['method', 'amount', 'reference', 'note'].includes(p));
      message.error(problemText(err));
    },
  });
  return (
    <Modal
      open
      title={t(kind === 'refund' ? 'payments.refundTitle' : 'payments.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(kind === 'refund' ? 'payments.refund' : 'payments.record')}
      okButtonProps={{ danger: kind === 'refund', 'data-testid': 'payment-submit' } as never}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<EntryValues>
        form={form}
        layout="vertical"
        initialValues={{ method: 'cash', amount: toMajor(max, order.currency) }}
        onFinish={(v) => save.mutate(v)}
        data-testid="payment-form"
      >
        <Form.Item name="method" label={t('payments.method')}>
          <Select
            options={paymentMethods.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))}
            data-testid="payment-method"
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('payments.amount')}
          rules={[{ required: true, message: t('payments.amountRequired') }]}
          extra={kind === 'refund' ? t('payments.refundable', { amount: money(max) }) : null}
        >
          <InputNumber<number>
            min={0}
            precision={currencyDigits(order.currency)}
            prefix={currencySymbol(order.currency, locale)}
            style={{ width: 200 }}
            data-testid="payment-amount"
          />
        </Form.Item>
        <Form.Item name="reference" label={t('payments.reference')}>
          <Input maxLength={100} placeholder={t('payments.referencePlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('payments.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Void a mistaken entry, with the reason; it stays in the list struck through. */
function VoidModal({ order, entry, onClose }: { order: Order; entry: Payment; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefresh(order.id);
  const [form] = Form.useForm<{ reason: string }>();
  const save = useMutation({
    mutationFn: (v: { reason: string }) =>
      api.call(routes.voidPayment, { params: { id: order.id, paymentId: entry.id }, body: v }),
    onSuccess: () => {
      message.success(t('payments.voidDone'));
      refresh();
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => p === 'reason');
      message.error(problemText(err));
    },
  });
  return (
    <Modal
      open
      title={t('payments.voidTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('payments.void')}
      okButtonProps={{ danger: true, 'data-testid': 'void-submit' } as never}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(`payments.kind.${entry.kind}`)} · {t(`paymentMethod.${entry.method}`)} ·{' '}
        <strong>{formatMoney(entry.amount, entry.currency, locale)}</strong>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('payments.voidReason')}
          extra={t('payments.voidHint')}
          rules={[{ required: true, whitespace: true, message: t('payments.reasonRequired') }]}
        >
          <Input
            maxLength={500}
            placeholder={t('payments.voidReasonPlaceholder')}
            data-testid="void-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Summary({ ledger }: { ledger: Ledger }) {
  const { t, locale } = useI18n();
  const s = ledger.summary;
  const money = (minor: number) => formatMoney(minor, s.currency, locale);
  const cell = (key: string, title: string, value: number, color?: string) => (
    <Statistic
      key={key}
      title={title}
      value={money(value)}
      valueStyle={{ fontSize: 18, color }}
      data-testid={`payments-${key}`}
    />
  );
  return (
    <Flex gap={32} wrap style={{ marginBottom: 12 }}>
      {cell('total', t('payments.total'), s.total)}
      {cell('paid', t('payments.paid'), s.paid, '#389e0d')}
      {s.refunded ? cell('refunded', t('payments.refunded'), s.refunded, '#c41d7f') : null}
      {cell('outstanding', t('payments.outstanding'), s.outstanding, s.outstanding ? '#d46b08' : undefined)}
    </Flex>
  );
}

/** The order detail page's payments card: the ledger, what is paid and outstanding, and the cashier's actions. */
export function OrderPayments({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const [entry, setEntry] = useState<PaymentKind | null>(null);
  const [voiding, setVoiding] = useState<Payment | null>(null);
  const q = useQuery({
    queryKey: ['order-payments', order.id],
    queryFn: () => api.call(routes.listOrderPayments, { params: { id: order.id } }),
  });
  const ledger = q.data;
  if (!ledger) return null;
  const s = ledger.summary;
  const time = (v: string) => formatDateTime(v, locale, timeZone);
  const struck = (p: Payment, node: ReactNode) =>
    p.voided ? (
      <Typography.Text delete type="secondary">
        {node}
      </Typography.Text>
    ) : (
      node
    );
  const columns: TableColumnsType<Payment> = [
    {
      title: t('payments.recordedAt'),
      key: 'at',
      width: 150,
      className: 'nowrap',
      render: (_, p) => struck(p, time(p.recordedAt)),
    },
    {
      title: t('payments.method'),
      key: 'method',
      render: (_, p) => (
        <Flex gap={4} align="center" wrap>
          {p.kind === 'refund' ? <Tag color="magenta">{t('payments.kind.refund')}</Tag> : null}
          {p.refundDecisionId ? <Tag>{t('payments.complaintRefund')}</Tag> : null}
          {struck(p, t(`paymentMethod.${p.method}`))}
          {p.voided ? (
            <Tooltip
              title={t('payments.voidedBy', {
                name: p.voided.by.name,
                time: time(p.voided.at),
                reason: p.voided.reason,
              })}
            >
              <Tag data-testid="payment-voided">{t('payments.voided')}</Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('payments.amount'),
      key: 'amount',
      align: 'right',
      width: 130,
      className: 'num',
      render: (_, p) =>
        struck(p, `${p.kind === 'refund' ? '−' : ''}${formatMoney(p.amount, p.currency, locale)}`),
    },
    {
      title: t('payments.reference'),
      key: 'reference',
      render: (_, p) => (
        <>
          {struck(p, <span className="mono">{p.reference ?? t('common.none')}</span>)}
          {p.note ? <div className="muted">{p.note}</div> : null}
        </>
      ),
    },
    {
      title: t('payments.recordedBy'),
      key: 'by',
      width: 110,
      render: (_, p) => struck(p, p.recordedBy.name),
    },
    ...(ledger.canRecord
      ? [
          {
            key: 'void',
            width: 70,
            render: (_: unknown, p: Payment) =>
              p.voided ? null : (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => setVoiding(p)}
                  data-testid="payment-void"
                >
                  {t('payments.void')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      data-testid="order-payments"
      title={
        <Flex gap={8} align="center">
          {t('payments.title')}
          <span data-testid="payments-status">
            <PaymentTag status={s.paymentStatus} />
          </span>
        </Flex>
      }
      extra={
        ledger.canRecord ? (
          <Flex gap={8}>
            {s.net > 0 ? (
              <Button size="small" danger onClick={() => setEntry('refund')} data-testid="payment-refund">
                {t('payments.refund')}
              </Button>
            ) : null}
            <Button
              size="small"
              type="primary"
              disabled={s.outstanding <= 0}
              onClick={() => setEntry('payment')}
              data-testid="payment-record"
            >
              {t('payments.record')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Summary ledger={ledger} />
      {ledger.items.length ? (
        <Table<Payment>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={ledger.items}
          pagination={false}
          data-testid="payments-table"
        />
      ) : (
        <span className="muted">{t('payments.none')}</span>
      )}
      {entry ? (
        <EntryModal
          order={order}
          kind={entry}
          max={entry === 'refund' ? Math.max(0, s.net) : s.outstanding}
          onClose={() => setEntry(null)}
        />
      ) : null}
      {voiding ? <VoidModal order={order} entry={voiding} onClose={() => setVoiding(null)} /> : null}
    </Card>
  );
}
