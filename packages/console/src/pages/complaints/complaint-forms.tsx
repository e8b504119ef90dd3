import { type Complaint, routes } from '@orderloop/contract';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, InputNumber, Radio, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { currencySymbol, formatMoney, toMajor, toMinor } from '../../lib/money.ts';
import { useComplaintRefresh, useProblemMessage } from './complaint-detail.tsx';

/** A reply the customer sees, or an internal note. */
export function ComplaintRespond({ complaint }: { complaint: Complaint }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useComplaintRefresh(complaint.id);
  const fail = useProblemMessage();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'customer' | 'internal'>('customer');
  const send = useMutation({
    mutationFn: () =>
      api.call(routes.respondComplaint, {
        params: { id: complaint.id },
        body: { body: body.trim(), visibility },
      }),
    onSuccess: (c) => {
      setBody('');
      message.success(t('complaints.sent'));
      refresh(c);
    },
    onError: fail,
  });
  return (
    <Card size="small" title={t('complaints.respond')}>
      <Flex vertical gap={8}>
        <Input.TextArea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder={t('complaints.respondPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          data-testid="complaint-response"
        />
        <Flex justify="space-between" align="center">
          <Radio.Group
            value={visibility}
            onChange={(e) => setVisibility(e.target.value)}
            options={[
              { value: 'customer', label: t('complaints.visibility.customer') },
              { value: 'internal', label: t('complaints.visibility.internal') },
            ]}
          />
          <Button
            type="primary"
            disabled={!body.trim()}
            loading={send.isPending}
            onClick={() => send.mutate()}
            data-testid="complaint-send"
          >
            {t('complaints.send')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The refund decision: an amount up to what the order has left, recorded for the refund step. */
export function RefundForm({ complaint }: { complaint: Complaint }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const refresh = useComplaintRefresh(complaint.id);
  const fail = useProblemMessage();
  const [amount, setAmount] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const money = (minor: number) => formatMoney(minor, complaint.currency, locale);
  const decide = useMutation({
    mutationFn: (minor: number) =>
      api.call(routes.decideRefund, {
        params: { id: complaint.id },
        body: { amount: minor, note: note.trim() || undefined, expectedVersion: complaint.version },
      }),
    onSuccess: (c, minor) => {
      setAmount(null);
      setNote('');
      message.success(t('complaints.refundDecided', { amount: money(minor) }));
      refresh(c);
    },
    onError: fail,
  });
  return (
    <Card size="small" title={t('complaints.refund')} data-testid="complaint-refund">
      {complaint.refunds.map((r) => (
        <div key={r.id}>
          <Typography.Text strong>{money(r.amount)}</Typography.Text>{' '}
          <span className="muted">{r.note ?? ''}</span>
        </div>
      ))}
      {complaint.canDecideRefund ? (
        <Flex gap={8} align="center" wrap style={{ marginTop: complaint.refunds.length ? 8 : 0 }}>
          <InputNumber<number>
            min={0}
            max={toMajor(complaint.refundable, complaint.currency)}
            precision={2}
            prefix={currencySymbol(complaint.currency, locale)}
            placeholder={t('complaints.refundAmount')}
            value={amount}
            onChange={setAmount}
            style={{ width: 150 }}
          />
          <Input
            placeholder={t('complaints.refundNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 180 }}
            maxLength={1000}
          />
          <Button
            disabled={!amount}
            loading={decide.isPending}
            onClick={() => amount && decide.mutate(toMinor(amount, complaint.currency))}
          >
            {t('complaints.refundDecide')}
          </Button>
          <span className="muted">{t('complaints.refundable', { amount: money(complaint.refundable) })}</span>
        </Flex>
      ) : null}
    </Card>
  );
}
