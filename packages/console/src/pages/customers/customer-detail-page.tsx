import { ArrowLeftOutlined } from '@ant-design/icons';
import { type OrderSummary, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import type { Customer } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useStaff, useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import { OrderStateTag } from '../orders/order-tags.tsx';

type Values = {
  name: string;
  contactName: string | null;
  phone: string | null;
  storeId: string | null;
  salesRepId: string | null;
  priceListId: string | null;
};

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['customers', 'one', id],
    queryFn: () => api.call(routes.getCustomer, { params: { id } }),
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Spin style={{ margin: 80 }} />;
  return <CustomerDetail customer={q.data} />;
}

function CustomerDetail({ customer }: { customer: Customer }) {
  const { t, locale } = useI18n();
  const { me, can, storeName, timeZone } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const userName = useUserNames();
  const [form] = Form.useForm<Values>();
  const canWrite = can('customers.write');
  const priceLists = useQuery({
    queryKey: ['catalog', 'price-lists'],
    queryFn: () => api.call(routes.listPriceLists),
    enabled: can('catalog.read'),
  });
  const orders = useQuery({
    queryKey: ['orders', 'by-customer', customer.id],
    queryFn: () => api.call(routes.listOrders, { query: { customerId: customer.id, limit: 10 } }),
    enabled: can('orders.read'),
  });
  useEffect(() => {
    form.setFieldsValue({
      name: customer.name ?? '',
      contactName: customer.contactName,
      phone: customer.phone,
      storeId: customer.storeId,
      salesRepId: customer.salesRepId,
      priceListId: customer.priceListId,
    });
  }, [form, customer]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.updateCustomer, {
        params: { id: customer.id },
        body: { ...v, contactName: v.contactName || null, phone: v.phone || null },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['customers', 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('catalog.saved'));
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) =>
        ['name', 'contactName', 'phone', 'storeId', 'salesRepId', 'priceListId'].includes(p),
      );
      message.error(isApiError(err) ? err.problem.detail : String(err));
    },
  });
  const isAccount = customer.kind === 'account';
  const priceListName = priceLists.data?.find((p) => p.id === customer.priceListId)?.name;

  const orderColumns: TableColumnsType<OrderSummary> = [
    {
      title: t('accounts.orderNumber'),
      dataIndex: 'number',
      render: (v: string, o) => <Link to={`/orders/${o.id}`}>{v}</Link>,
    },
    {
      title: t('customers.store'),
      dataIndex: 'storeId',
      width: 130,
      render: (v: string) => storeName(v) ?? '—',
    },
    {
      title: t('accounts.state'),
      dataIndex: 'state',
      width: 120,
      // the workflow's name for the state in the reader's language, as the orders list shows it
      render: (v: string, o) => <OrderStateTag state={v} name={o.stateName} />,
    },
    {
      title: t('accounts.total'),
      dataIndex: 'total',
      width: 120,
      align: 'right',
      render: (v: number, o) => formatMoney(v, o.currency, locale),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v, locale, timeZone),
    },
  ];

  return (
    <>
      <PageHeader
        title={customer.name ?? customer.phone ?? customer.id.slice(-8)}
        subtitle={isAccount ? t('accounts.accountSubtitle') : t('accounts.personSubtitle')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers')}>
              {t('catalog.back')}
            </Button>
            {can('orders.read') ? (
              <Link to={`/orders?customerId=${customer.id}`}>
                <Button data-testid="customer-orders-link">{t('accounts.allOrders')}</Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Row gutter={12}>
        <Col span={10}>
          <Card
            size="small"
            title={t('accounts.profile')}
            style={{ marginBottom: 12 }}
            data-testid="customer-profile"
          >
            <Form<Values> form={form} layout="vertical" disabled={!canWrite} onFinish={(v) => save.mutate(v)}>
              <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, max: 120 }]}>
                <Input />
              </Form.Item>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name="contactName" label={t('customers.contact')}>
                    <Input maxLength={80} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="phone" label={t('customers.phone')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="storeId" label={t('customers.store')}>
                <Select allowClear options={me.stores.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
              <Form.Item name="salesRepId" label={t('customers.salesRep')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
                  data-testid="customer-sales-rep"
                />
              </Form.Item>
              <Form.Item
                name="priceListId"
                label={t('accounts.priceList')}
                extra={isAccount ? null : t('accounts.priceListPersonHint')}
              >
                <Select
                  allowClear
                  placeholder={t('accounts.basePrices')}
                  options={(priceLists.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  data-testid="customer-price-list"
                />
              </Form.Item>
              {canWrite ? (
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="customer-save">
                  {t('catalog.save')}
                </Button>
              ) : null}
            </Form>
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={t('accounts.summary')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('customers.kind')}>
                <Tag color={isAccount ? 'geekblue' : 'default'}>{t(`customers.kind.${customer.kind}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.salesRep')}>
                {userName(customer.salesRepId) ?? customer.salesRepName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('accounts.priceList')}>
                {priceListName ??
                  (customer.priceListId ? customer.priceListId.slice(-8) : t('accounts.basePrices'))}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.createdAt')}>
                {formatDateTime(customer.createdAt, locale, timeZone)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            size="small"
            title={t('accounts.identities')}
            style={{ marginBottom: 12 }}
            data-testid="customer-identities"
          >
            {customer.identities.length ? (
              <Table
                size="small"
                rowKey={(i) => `${i.channel}:${i.subject}`}
                pagination={false}
                dataSource={customer.identities}
                columns={[
                  {
                    title: t('customers.channels'),
                    dataIndex: 'channel',
                    width: 120,
                    render: (v: 'wechat' | 'alipay' | 'h5') => <Tag>{t(`channel.${v}`)}</Tag>,
                  },
                  {
                    title: t('accounts.subject'),
                    dataIndex: 'subject',
                    render: (v: string) => <span className="mono">{v}</span>,
                  },
                ]}
              />
            ) : (
              <span className="muted">{t('accounts.noIdentities')}</span>
            )}
          </Card>
          {can('orders.read') ? (
            <Card size="small" title={t('accounts.recentOrders')} data-testid="customer-orders">
              {orders.error ? (
                <QueryError error={orders.error} onRetry={() => orders.refetch()} />
              ) : (
                <Table<OrderSummary>
                  size="small"
                  rowKey="id"
                  loading={orders.isLoading}
                  pagination={false}
                  dataSource={orders.data?.items ?? []}
                  columns={orderColumns}
                  locale={{ emptyText: t('accounts.noOrders') }}
                />
              )}
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}
