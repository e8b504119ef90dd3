import { DeleteOutlined } from '@ant-design/icons';
import type { Quote } from '@orderloop/contract';
import { Button, InputNumber, Select, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { type ReactNode, useRef } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { currencyDigits, currencySymbol, formatMoney } from '../../lib/money.ts';
import type { DiscountInput, DiscountKind, DraftLine } from './order-draft.ts';
import { errorAt, type FieldErrors } from './order-errors.ts';
import { availableIn } from './product-search.tsx';

type QuoteLine = Quote['lines'][number];
type InputRef = { focus: (o?: { cursor?: 'all' | 'start' | 'end' }) => void };

/** A control with its server error under it, in the cell the error names. */
function Cell({ error, children, testId }: { error?: string; children: ReactNode; testId?: string }) {
  return (
    <div className="cell" data-testid={testId}>
      {children}
      {error ? (
        <div className="cell-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function DiscountField({
  value,
  onChange,
  currency,
  error,
  testId,
}: {
  value: DiscountInput;
  onChange: (d: DiscountInput) => void;
  currency: string;
  error?: string;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <Space.Compact style={{ width: '100%' }} data-testid={testId}>
      <Select<DiscountKind>
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        style={{ width: 66 }}
        tabIndex={-1}
        popupMatchSelectWidth={false}
        aria-label={t('orderForm.col.discount')}
        labelRender={(o) => (o.value === 'percent' ? '%' : currencySymbol(currency, locale))}
        options={[
          { value: 'amount', label: `${currencySymbol(currency, locale)} ${t('orderForm.discount.amount')}` },
          { value: 'percent', label: `% ${t('orderForm.discount.percent')}` },
        ]}
      />
      <InputNumber
        min={0}
        max={value.kind === 'percent' ? 100 : undefined}
        precision={value.kind === 'percent' ? 2 : currencyDigits(currency)}
        value={value.value}
        onChange={(v) => onChange({ ...value, value: typeof v === 'number' ? v : null })}
        status={error ? 'error' : undefined}
        className="num-input"
        style={{ flex: 1 }}
      />
    </Space.Compact>
  );
}

export function OrderLinesGrid({
  lines,
  storeId,
  currency,
  canOverride,
  errors,
  lineQuote,
  onChange,
  onRemove,
  quantityRef,
  onQuantityEnter,
}: {
  lines: DraftLine[];
  storeId: string;
  currency: string;
  canOverride: boolean;
  errors: FieldErrors;
  lineQuote: (index: number) => QuoteLine | null;
  onChange: (index: number, patch: Partial<DraftLine>) => void;
  onRemove: (index: number) => void;
  quantityRef: (key: string, el: InputRef | null) => void;
  onQuantityEnter: () => void;
}) {
  const { t, locale } = useI18n();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const digits = currencyDigits(currency);
  const enterDown = useRef<string | null>(null);

  const columns: TableColumnsType<DraftLine> = [
    { title: '#', key: 'n', width: 36, className: 'muted', render: (_, _l, i) => i + 1 },
    {
      title: t('orderForm.col.product'),
      key: 'product',
      render: (_, l, i) => {
        const q = lineQuote(i);
        const unavailable = q?.unavailable;
        return (
          <Cell error={errorAt(errors, `lines.${i}.skuId`)} testId={`line-${i}-product`}>
            <div className="line-product">
              <span className="line-name">{l.productName}</span>
              {l.skuLabel ? <span className="muted"> · {l.skuLabel}</span> : null}
            </div>
            <div className="line-meta">
              <span className="mono muted">{l.skuCode}</span>
              {q && q.priceSource !== 'base' ? (
                <Tag color={q.priceSource === 'override' ? 'orange' : 'blue'} className="small-tag">
                  {t(`orderForm.priceSource.${q.priceSource}`)}
                </Tag>
              ) : null}
            </div>
            {l.groups.length ? (
              <Space size={4} wrap className="line-modifiers">
                {l.groups.map((g) => {
                  const err = errorAt(errors, `lines.${i}.modifiers.${g.code}`);
                  return (
                    <Select
                      key={g.code}
                      size="small"
                      allowClear={!g.required}
                      placeholder={g.name}
                      value={l.modifiers[g.code]}
                      status={err ? 'error' : undefined}
                      title={err}
                      popupMatchSelectWidth={false}
                      style={{ minWidth: 90 }}
                      data-testid={`line-${i}-modifier-${g.code}`}
                      onChange={(v?: string) => {
                        const { [g.code]: _drop, ...rest } = l.modifiers;
                        onChange(i, { modifiers: v ? { ...rest, [g.code]: v } : rest });
                      }}
                      options={g.values.map((v) => ({
                        value: v.code,
                        label: v.priceDelta ? `${v.name} +${money(v.priceDelta)}` : v.name,
                      }))}
                    />
                  );
                })}
              </Space>
            ) : null}
            {l.groups.map((g) => {
              const err = errorAt(errors, `lines.${i}.modifiers.${g.code}`);
              return err ? (
                <div key={g.code} className="cell-error" role="alert">
                  {err}
                </div>
              ) : null;
            })}
            {unavailable ? (
              <div className="cell-error" data-testid={`line-${i}-unavailable`}>
                {t(`unavailable.${unavailable}`, { count: Math.max(0, q?.stockAvailable ?? 0) })}
              </div>
            ) : null}
          </Cell>
        );
      },
    },
    {
      title: t('orderForm.col.unitPrice'),
      key: 'price',
      width: 100,
      align: 'right',
      className: 'num',
      render: (_, l, i) => money(lineQuote(i)?.unitPrice ?? l.basePrice),
    },
    ...(canOverride
      ? [
          {
            title: t('orderForm.col.override'),
            key: 'override',
            width: 100,
            render: (_: unknown, l: DraftLine, i: number) => (
              <Cell error={errorAt(errors, `lines.${i}.overridePrice`)}>
                <InputNumber
                  min={0}
                  precision={digits}
                  value={l.overridePrice}
                  placeholder={(l.basePrice / 10 ** digits).toFixed(digits)}
                  onChange={(v) => onChange(i, { overridePrice: typeof v === 'number' ? v : null })}
                  className="num-input"
                  style={{ width: '100%' }}
                  data-testid={`line-${i}-override`}
                />
              </Cell>
            ),
          },
        ]
      : []),
    {
      title: t('orderForm.col.quantity'),
      key: 'quantity',
      width: 116,
      render: (_, l, i) => {
        const err = errorAt(errors, `lines.${i}.quantity`);
        return (
          <Cell error={err} testId={`line-${i}-quantity-cell`}>
            <InputNumber
              ref={(el) => quantityRef(l.key, el)}
              precision={0}
              value={l.quantity}
              status={err ? 'error' : undefined}
              onChange={(v) => onChange(i, { quantity: typeof v === 'number' ? v : null })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') enterDown.current = l.key;
              }}
              onKeyUp={(e) => {
                // on key-up, and only for an Enter that went down here: the Enter that picked the
                // product lands its key-up in this new field, and the lookup must not get this one
                if (e.key === 'Enter' && enterDown.current === l.key) {
                  enterDown.current = null;
                  onQuantityEnter();
                }
              }}
              className="num-input"
              style={{ width: '100%' }}
              data-testid={`line-${i}-quantity`}
              suffix={l.unit ? <span className="muted">{l.unit}</span> : undefined}
            />
          </Cell>
        );
      },
    },
    {
      title: t('orderForm.col.discount'),
      key: 'discount',
      width: 150,
      render: (_, l, i) => {
        const err = errorAt(errors, `lines.${i}.discount`);
        return (
          <Cell error={err}>
            <DiscountField
              value={l.discount}
              onChange={(discount) => onChange(i, { discount })}
              currency={currency}
              error={err}
              testId={`line-${i}-discount`}
            />
          </Cell>
        );
      },
    },
    {
      title: t('orderForm.col.stock'),
      key: 'stock',
      width: 76,
      align: 'right',
      className: 'num',
      render: (_, l, i) => {
        const q = lineQuote(i);
        const available = q ? q.stockAvailable : availableIn(l.stock, storeId);
        if (available === null) return <span className="muted">{t('orderForm.stockUnlimited')}</span>;
        return <span className={available < (l.quantity ?? 0) ? 'warn' : undefined}>{available}</span>;
      },
    },
    {
      title: t('orderForm.col.total'),
      key: 'total',
      width: 104,
      align: 'right',
      className: 'num',
      render: (_, _l, i) => {
        const q = lineQuote(i);
        return (
          <span data-testid={`line-${i}-total`}>
            {q && !q.unavailable ? money(q.total) : t('common.none')}
          </span>
        );
      },
    },
    {
      key: 'remove',
      width: 40,
      render: (_, _l, i) => (
        <Tooltip title={t('orderForm.remove')}>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('orderForm.remove')}
            tabIndex={-1}
            onClick={() => onRemove(i)}
            data-testid={`line-${i}-remove`}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<DraftLine>
      size="small"
      rowKey="key"
      className="lines-grid"
      columns={columns}
      dataSource={lines}
      pagination={false}
      locale={{ emptyText: <span className="muted">{t('orderForm.noLines')}</span> }}
      data-testid="order-lines"
    />
  );
}
