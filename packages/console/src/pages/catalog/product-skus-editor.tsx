import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Product } from '@orderloop/contract';
import {
  Button,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
  Tooltip,
} from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import type { ProductForm } from './product-form.ts';

type Group = ProductForm['optionGroups'][number];

/** Every combination of the variant groups' values: the SKUs a product with these groups should have. */
function combinations(groups: Group[]): Record<string, string>[] {
  return groups
    .filter((g) => g.variant && g.values?.length)
    .reduce<Record<string, string>[]>(
      (acc, g) =>
        acc.flatMap((o) => g.values.filter((v) => v?.code).map((v) => ({ ...o, [g.code]: v.code }))),
      [{}],
    );
}

const sameOptions = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** The SKU grid: code, variant values, base price, on sale; with stock per store of saved SKUs. */
export function SkusEditor({ form, product }: { form: FormInstance<ProductForm>; product: Product | null }) {
  const { t } = useI18n();
  const { storeName } = useSession();
  const groups = (Form.useWatch('optionGroups', form) ?? []).filter((g) => g?.variant && g.code);

  const generate = () => {
    const skus = form.getFieldValue('skus') as ProductForm['skus'];
    const base = (skus[0]?.code ?? '').split('-')[0] || 'SKU';
    const price = skus[0]?.price ?? 0;
    const next = combinations(form.getFieldValue('optionGroups') ?? []).map(
      (options) =>
        skus.find((s) => sameOptions(s.options ?? {}, options)) ?? {
          code: [base, ...Object.values(options)].join('-').toUpperCase(),
          options,
          price,
          active: true,
        },
    );
    form.setFieldValue('skus', next);
  };

  const stockOf = (code: string) => product?.skus.find((s) => s.code === code)?.stock ?? [];

  return (
    <Form.List name="skus">
      {(rows, { add, remove }) => (
        <div className="sku-grid" data-testid="sku-grid">
          <div className="sku-row sku-head">
            <span>{t('catalog.skuCode')}</span>
            <span>{t('catalog.options')}</span>
            <span>{t('catalog.basePrice')}</span>
            <span>{t('catalog.onSale')}</span>
            <span>{t('catalog.stock')}</span>
            <span />
          </div>
          {rows.map((row) => {
            const code = form.getFieldValue(['skus', row.name, 'code']) as string;
            return (
              <div className="sku-row" key={row.key} data-testid="sku-row">
                <Form.Item
                  name={[row.name, 'code']}
                  rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{1,40}$/ }]}
                  style={{ margin: 0 }}
                >
                  <Input className="mono" />
                </Form.Item>
                <Flex gap={4}>
                  {groups.map((g) => (
                    <Form.Item key={g.code} name={[row.name, 'options', g.code]} style={{ margin: 0 }}>
                      <Select
                        placeholder={g.name}
                        style={{ width: 100 }}
                        options={(g.values ?? []).map((v) => ({ value: v.code, label: v.name }))}
                      />
                    </Form.Item>
                  ))}
                  {groups.length ? null : <span className="muted">—</span>}
                </Flex>
                <Form.Item name={[row.name, 'price']} rules={[{ required: true }]} style={{ margin: 0 }}>
                  <InputNumber min={0} precision={2} style={{ width: 110 }} data-testid="sku-price" />
                </Form.Item>
                <Form.Item name={[row.name, 'active']} valuePropName="checked" style={{ margin: 0 }}>
                  <Switch size="small" />
                </Form.Item>
                <Flex gap={2} wrap>
                  {stockOf(code).map((s) => (
                    <Tooltip
                      key={s.storeId}
                      title={t('catalog.stockTip', { onHand: s.onHand, reserved: s.reserved })}
                    >
                      <Tag color={s.available !== null && s.available <= 0 ? 'red' : undefined}>
                        {storeName(s.storeId) ?? '…'}: {s.tracked ? s.available : t('catalog.untracked')}
                      </Tag>
                    </Tooltip>
                  ))}
                </Flex>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
              </div>
            );
          })}
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ code: '', options: {}, price: 0, active: true })}
              data-testid="sku-add"
            >
              {t('catalog.addSku')}
            </Button>
            {groups.length ? (
              <Button icon={<ThunderboltOutlined />} onClick={generate}>
                {t('catalog.generateSkus')}
              </Button>
            ) : null}
          </Flex>
        </div>
      )}
    </Form.List>
  );
}
