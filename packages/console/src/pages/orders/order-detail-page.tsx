import { ArrowLeftOutlined, CopyOutlined } from '@ant-design/icons';
import { type Order, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { compactValue, formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import { OrderComplaints } from '../complaints/order-complaints.tsx';
import { OrderAmounts } from './order-amounts.tsx';
import { OrderAttachments } from './order-attachments.tsx';
import { OrderEditButton } from './order-edit-drawer.tsx';
import { OrderHistory } from './order-history.tsx';
import { OrderLinesEditButton } from './order-lines-edit-drawer.tsx';
import { OrderPayments } from './order-payments.tsx';
import { OrderStateTag, PaymentTag, useCodeLabel } from './order-tags.tsx';
import { OrderActions } from './order-workflow.tsx';

type Line = Order['lines'][number];

function LinesTable({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const columns: TableColumnsType<Line> = [
    { title: '#', dataIndex: 'lineNo', width: 40, className: 'muted' },
    {
      title: t('orderForm.col.product'),
      key: 'product',
      render: (_, l) => (
        <>
          <span className="line-name">{l.productName}</span>
          {l.skuLabel ? <span className="muted"> · {l.skuLabel}</span> : null}
          <span className="mono muted line-code">{l.skuCode}</span>
          {l.modifiersLabel ? <div className="muted">{l.modifiersLabel}</div> : null}
        </>
      ),
    },
    {
      title: t('orderForm.col.unitPrice'),
      key: 'unitPrice',
      width: 190,
      align: 'right',
      className: 'num nowrap',
      render: (_, l) => (
        <>
          {l.priceSource !== 'base' ? (
            <Tag color={l.priceSource === 'override' ? 'orange' : 'blue'} className="small-tag">
              {t(`orderForm.priceSource.${l.priceSource}`)}
            </Tag>
          ) : null}
          {money(l.unitPrice)}
        </>
      ),
    },
    {
      title: t('orderForm.col.quantity'),
      dataIndex: 'quantity',
      width: 70,
      align: 'right',
      className: 'num',
    },
    {
      title: t('orderForm.col.discount'),
      key: 'discount',
      width: 110,
      align: 'right',
      className: 'num',
      render: (_, l) =>
        l.lineDiscount + l.orderDiscount ? `−${money(l.lineDiscount + l.orderDiscount)}` : t('common.none'),
    },
    {
      // with tax added on top, a line's total includes its tax while the subtotal below does not
      title: t(order.taxMode === 'exclusive' ? 'orderForm.col.totalWithTax' : 'orderForm.col.total'),
      key: 'total',
      width: 120,
      align: 'right',
      className: 'num',
      render: (_, l) => money(l.total),
    },
  ];
  return (
    <Table<Line>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={order.lines}
      pagination={false}
      data-testid="order-lines"
    />
  );
}

function useCustomer(id: string | null) {
  const { can } = useSession();
  return useQuery({
    queryKey: ['customer', id],
    queryFn: () => api.call(routes.getCustomer, { params: { id: id! } }),
    enabled: !!id && can('customers.read'),
    staleTime: 300_000,
  }).data;
}

function OrderHeader({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const { storeName, timeZone } = useSession();
  const userName = useUserNames();
  const customer = useCustomer(order.customerId);
  // staff who may not list users still see the rep's name, from the customer account
  const repName =
    userName(order.salesRepId) ??
    (customer && customer.salesRepId === order.salesRepId ? customer.salesRepName : null);
  const label = useCodeLabel();
  const time = (v: string | null) => (v ? formatDateTime(v, locale, timeZone) : t('common.none'));
  const d = order.fulfilmentDetails;
  const fulfilmentDetail = [
    d.tableNumber ? `${t('orderForm.tableNumber')} ${d.tableNumber}` : null,
    d.pickupAt ? `${t('orderForm.pickupAt')} ${time(d.pickupAt)}` : null,
    d.requestedDate ? `${t('orderForm.requestedDate')} ${d.requestedDate}` : null,
    d.address ?? null,
  ].filter(Boolean);
  return (
    <Descriptions
      size="small"
      column={3}
      data-testid="order-header"
      items={[
        { key: 'store', label: t('order.store'), children: storeName(order.storeId) ?? t('common.none') },
        {
          key: 'customer',
          label: t('order.customer'),
          children: order.customerId ? (
            <span data-testid="order-customer-name">
              {customer?.name ?? order.contact.name ?? t('common.none')}
            </span>
          ) : (
            t('common.none')
          ),
        },
        {
          key: 'contact',
          label: t('order.contact'),
          children: [order.contact.name, order.contact.phone].filter(Boolean).join(' · ') || t('common.none'),
        },
        { key: 'channel', label: t('order.channel'), children: label('orderChannel', order.channel) },
        {
          key: 'fulfilment',
          label: t('order.fulfilment'),
          children: [label('fulfilment', order.fulfilment), ...fulfilmentDetail].join(' · '),
        },
        { key: 'payment', label: t('order.payment'), children: <PaymentTag status={order.paymentStatus} /> },
        {
          key: 'salesRep',
          label: t('order.salesRep'),
          children: repName ?? t('common.none'),
        },
        { key: 'createdAt', label: t('order.createdAt'), children: time(order.createdAt) },
        { key: 'submittedAt', label: t('order.submittedAt'), children: time(order.submittedAt) },
      ]}
    />
  );
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const q = useQuery({
    queryKey: ['order', id],
    queryFn: () => api.call(routes.getOrder, { params: { id } }),
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const order = q.data;
  if (!order)
    return (
      <Flex justify="center" style={{ padding: 80 }}>
        <Spin />
      </Flex>
    );
  const custom = Object.entries(order.customFields);
  return (
    <Flex vertical gap={12} data-testid="order-detail">
      <Flex align="center" justify="space-between" gap={16} className="page-header">
        <Flex align="center" gap={10}>
          <Typography.Title level={4} style={{ margin: 0 }} className="mono-title" data-testid="order-number">
            {order.number}
          </Typography.Title>
          <OrderStateTag state={order.state} name={order.workflow?.stateName} />
          {order.priceOverridden ? <Tag color="orange">{t('order.priceOverridden')}</Tag> : null}
        </Flex>
        <Flex gap={8}>
          <Link to="/orders">
            <Button icon={<ArrowLeftOutlined />}>{t('order.backToList')}</Button>
          </Link>
          <OrderEditButton order={order} />
          <OrderLinesEditButton order={order} />
          {can('orders.create') ? (
            <Link to={`/orders/new?from=${order.id}`}>
              <Button icon={<CopyOutlined />} data-testid="order-duplicate">
                {t('order.duplicate')}
              </Button>
            </Link>
          ) : null}
        </Flex>
      </Flex>
      <Card size="small">
        <OrderHeader order={order} />
      </Card>
      <div className="detail-grid">
        <Flex vertical gap={12}>
          <Card size="small" title={t('order.lines')}>
            <LinesTable order={order} />
          </Card>
          <Card size="small" title={t('order.notes')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="order-notes">
              {order.notes ?? <span className="muted">{t('order.noNotes')}</span>}
            </Typography.Paragraph>
            {order.tags.length ? (
              <div style={{ marginTop: 8 }} data-testid="order-tags">
                {order.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </div>
            ) : null}
          </Card>
          <OrderAttachments order={order} />
          <OrderPayments order={order} />
          {custom.length ? (
            <Card size="small" title={t('order.customFields')}>
              <Descriptions
                size="small"
                column={2}
                items={custom.map(([k, v]) => ({ key: k, label: k, children: compactValue(v, 120) }))}
              />
            </Card>
          ) : null}
        </Flex>
        <Flex vertical gap={12}>
          <Card size="small" title={t('order.amounts')}>
            <OrderAmounts amounts={order} />
          </Card>
          <OrderActions order={order} />
          <OrderHistory order={order} />
          <OrderComplaints orderId={order.id} />
        </Flex>
      </div>
    </Flex>
  );
}
