import { type Approval, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Flex, List, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';

/** The order behind an approval, in short: who, what, how much, which rules, who decided so far. */
export function ApprovalDetail({ approval: a }: { approval: Approval }) {
  const { t, locale } = useI18n();
  const { timeZone, storeName } = useSession();
  const order = useQuery({
    queryKey: ['orders', a.orderId],
    queryFn: () => api.call(routes.getOrder, { params: { id: a.orderId } }),
    retry: false,
  });
  const o = order.data;
  const decisions = a.steps.flatMap((s) => s.decisions);
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('approvals.order')}>
          {a.orderNumber}
          {o ? <Typography.Text type="secondary"> · {storeName(o.storeId)}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('approvals.customer')}>{o?.contact.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('approvals.total')}>
          <Typography.Text strong>{formatMoney(a.orderTotal, a.currency, locale)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('approvals.rules')}>
          {a.rules.map((r) => (
            <Tag key={r.key} color="orange">
              {r.name}
            </Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      {o?.lines.length ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('approvals.lines')}</Typography.Text>}
          dataSource={o.lines.slice(0, 8)}
          renderItem={(l) => (
            <List.Item>
              <Typography.Text>
                {l.productName} {l.skuLabel} × {l.quantity}
              </Typography.Text>
              <Typography.Text>{formatMoney(l.total, o.currency, locale)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
      {decisions.length ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('approvals.decisions')}</Typography.Text>}
          dataSource={decisions}
          renderItem={(d) => (
            <List.Item>
              <Tag color={d.decision === 'approve' ? 'green' : 'red'}>{d.decision}</Tag>
              {d.onBehalfOf
                ? t('approvals.onBehalf', { who: d.userName, for: d.onBehalfOf.name })
                : d.userName}
              {d.comment ? <Typography.Text type="secondary"> — {d.comment}</Typography.Text> : null}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {formatDateTime(d.at, locale, timeZone)}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Flex>
  );
}
