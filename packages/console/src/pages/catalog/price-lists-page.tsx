import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type Product, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Menu,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { formatMoney, toMajor, toMinor } from '../../lib/money.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';
import { problemText } from './catalog-data.ts';

type Values = {
  name: string;
  currency: string;
  items: { skuId: string; minQuantity: number; price: number }[];
};

/** Every SKU of the catalog with a label, for pickers (pages through the product list). */
export function useSkuOptions() {
  const q = useQuery({
    queryKey: ['catalog', 'products', 'all-skus'],
    staleTime: 60_000,
    queryFn: async () => {
      const all: Product[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50; i++) {
        const page = await api.call(routes.listProducts, { query: { limit: 200, cursor } });
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all.flatMap((p) =>
        p.skus.map((s) => ({
          value: s.id,
          label: `${p.name}${s.label ? ` · ${s.label}` : ''} (${s.code})`,
          price: s.price,
        })),
      );
    },
  });
  return q.data ?? [];
}

export function PriceListsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useUrlFilters(['id'] as const);
  const lists = useQuery({
    queryKey: ['catalog', 'price-lists'],
    queryFn: () => api.call(routes.listPriceLists),
  });
  const { can } = useSession();
  if (lists.error) return <QueryError error={lists.error} onRetry={() => lists.refetch()} />;
  const selected =
    filters.id === 'new'
      ? 'new'
      : (lists.data?.find((l) => l.id === filters.id)?.id ?? lists.data?.[0]?.id ?? null);
  return (
    <>
      <PageHeader
        title={t('priceLists.title')}
        subtitle={t('priceLists.subtitle')}
        extra={
          can('catalog.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFilters({ id: 'new' })}>
              {t('priceLists.new')}
            </Button>
          ) : null
        }
      />
      <Flex gap={12} align="flex-start">
        <div className="panel" style={{ width: 240, flex: 'none' }}>
          {lists.isLoading ? <Spin /> : null}
          {lists.data && !lists.data.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('priceLists.empty')} />
          ) : null}
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            onClick={(e) => setFilters({ id: e.key })}
            items={(lists.data ?? []).map((l) => ({ key: l.id, label: `${l.name} (${l.items.length})` }))}
            style={{ border: 'none' }}
          />
        </div>
        <div className="panel" style={{ flex: 1 }}>
          {selected ? (
            <PriceListEditor
              key={selected}
              list={lists.data?.find((l) => l.id === selected) ?? null}
              onCreated={(id) => setFilters({ id })}
            />
          ) : null}
        </div>
      </Flex>
    </>
  );
}

type PriceList = Awaited<ReturnType<typeof api.call<typeof routes.listPriceLists>>>[number];

function PriceListEditor({ list, onCreated }: { list: PriceList | null; onCreated: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const skuOptions = useSkuOptions();
  const [form] = Form.useForm<Values>();
  const currency = list?.currency ?? 'CNY';
  const basePrice = useMemo(() => new Map(skuOptions.map((o) => [o.value, o.price])), [skuOptions]);
  useEffect(() => {
    form.setFieldsValue({
      name: list?.name ?? '',
      currency,
      items: (list?.items ?? []).map((i) => ({ ...i, price: toMajor(i.price, currency) })),
    });
  }, [form, list, currency]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        items: (v.items ?? []).map((i) => ({ ...i, price: toMinor(i.price, v.currency) })),
      };
      return list
        ? api.call(routes.updatePriceList, { params: { id: list.id }, body })
        : api.call(routes.createPriceList, { body });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'price-lists'] });
      message.success(t('catalog.saved'));
      if (!list) onCreated(saved.id);
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => /^(name|currency|items)(\.|$)/.test(p));
      message.error(problemText(err));
    },
  });
  const items = Form.useWatch('items', form) ?? [];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!can('catalog.write')}
      onFinish={(v) => save.mutate(v)}
      data-testid="price-list-form"
    >
      <Flex gap={12} align="flex-end">
        <Form.Item
          name="name"
          label={t('priceLists.name')}
          rules={[{ required: true, max: 80 }]}
          style={{ width: 320 }}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="currency"
          label={t('priceLists.currency')}
          rules={[{ required: true, pattern: /^[A-Z]{3}$/ }]}
          style={{ width: 100 }}
        >
          <Input />
        </Form.Item>
        <Form.Item style={{ marginInlineStart: 'auto' }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('catalog.save')}
          </Button>
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">{t('priceLists.breaksHint')}</Typography.Text>
      <Form.List name="items">
        {(rows, { add, remove }) => (
          <div className="pl-grid" style={{ marginTop: 8 }}>
            <div className="pl-row sku-head">
              <span>{t('priceLists.sku')}</span>
              <span>{t('priceLists.minQuantity')}</span>
              <span>{t('priceLists.price')}</span>
              <span>{t('priceLists.basePrice')}</span>
              <span />
            </div>
            {rows.map((row) => {
              const skuId = items[row.name]?.skuId;
              const base = skuId ? basePrice.get(skuId) : undefined;
              return (
                <div className="pl-row" key={row.key}>
                  <Form.Item name={[row.name, 'skuId']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <Select showSearch optionFilterProp="label" options={skuOptions} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'minQuantity']} style={{ margin: 0 }}>
                    <InputNumber min={1} max={1000000} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'price']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                  <span className="muted">
                    {base === undefined ? '—' : formatMoney(base, currency, locale)}
                  </span>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                </div>
              );
            })}
            <Space style={{ marginTop: 8 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ minQuantity: 1, price: 0 })}>
                {t('priceLists.addItem')}
              </Button>
            </Space>
          </div>
        )}
      </Form.List>
    </Form>
  );
}
