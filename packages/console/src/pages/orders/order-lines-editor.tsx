import { LoadingOutlined } from '@ant-design/icons';
import { type Order, type Product, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, type RefSelectProps, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { OrderAmounts } from './order-amounts.tsx';
import { type DraftLine, draftFromOrder, lineFromSku, type OrderDraft } from './order-draft.ts';
import { errorAt, type FieldErrors, fieldErrorsOf, shownPaths } from './order-errors.ts';
import { approvalOpenedBy, editBody } from './order-lines-edit.ts';
import { DiscountField, OrderLinesGrid } from './order-lines-grid.tsx';
import { OrderProblems } from './order-summary-panel.tsx';
import { ProductSearch } from './product-search.tsx';
import { useOrderQuote } from './use-order-quote.ts';

type Focusable = { focus: (o?: { cursor?: 'all' | 'start' | 'end' }) => void };
type Problem = { fields: FieldErrors; detail: string | null };

/**
 * The entry form's line grid on a submitted order: add lines from the lookup (Enter adds and puts the
 * cursor in the quantity, Enter again goes back), change quantities, discounts and — with the
 * permission — prices; the server quotes every pause in typing. Ctrl+Enter / Ctrl+S saves a PATCH
 * with the version opened; a conflict offers a reload, field errors land on their cells, and a save
 * that opened an approval says so.
 */
export function OrderLinesEditor({
  order,
  products,
  onSaved,
  onReload,
}: {
  order: Order;
  products: Product[];
  onSaved: () => void;
  onReload: () => void;
}) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const canOverride = can('orders.override_price');
  const currency = order.currency;
  const initial = useMemo(
    () => draftFromOrder(order, products, { storeId: order.storeId, canOverride }),
    [order, products, canOverride],
  );
  const [draft, setDraft] = useState<OrderDraft>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const productRef = useRef<RefSelectProps>(null);
  const quantityRefs = useRef(new Map<string, Focusable>());
  const [focusLine, setFocusLine] = useState<string | null>(null);

  const quote = useOrderQuote(draft, currency);
  const quoteProblem = quote.error ? fieldErrorsOf(quote.error, draft, t) : null;
  const errors: FieldErrors = { ...quoteProblem?.fields, ...problem?.fields };
  const shown = useMemo(() => shownPaths(draft), [draft]);
  const unclaimed = Object.entries(problem?.fields ?? {}).filter(([path]) => !shown(path));
  const body = editBody(initial, draft, currency, order.version);
  // without the permission a manual price cannot be sent back: changed lines are priced again
  const overrideLost = !!body?.lines && !canOverride && order.lines.some((l) => l.priceSource === 'override');

  useEffect(() => productRef.current?.focus(), []);
  useEffect(() => {
    if (!focusLine) return;
    quantityRefs.current.get(focusLine)?.focus({ cursor: 'all' });
    setFocusLine(null);
  }, [focusLine]);

  const update = (lines: DraftLine[] | null, patch: Partial<OrderDraft> = {}) => {
    setDraft((d) => ({ ...d, ...patch, ...(lines ? { lines } : {}) }));
    setProblem(null);
  };

  const save = useMutation({
    mutationFn: () => api.call(routes.editOrder, { params: { id: order.id }, body: body! }),
    onSuccess: (o) => {
      queryClient.setQueryData(['order', o.id], o);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      message.success(
        t('orderLinesEdit.saved', { number: o.number, total: formatMoney(o.total, o.currency, locale) }),
      );
      const ap = approvalOpenedBy(order, o);
      if (ap)
        notification.warning({
          title: (
            <span data-testid="edit-approval-notice">
              {t('orderLinesEdit.approvalTitle', { number: o.number })}
            </span>
          ),
          description: t('orderLinesEdit.approvalBody', { rules: ap.rules.map((r) => r.name).join('、') }),
          duration: 12,
        });
      onSaved();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
        setConflict(Number(err.problem.meta?.version ?? order.version + 1));
        return;
      }
      setProblem(fieldErrorsOf(err, draft, t));
    },
  });
  const blocked = !body || !draft.lines.length || save.isPending || conflict !== null;
  const onSave = () => {
    if (!blocked) save.mutate();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
      e.preventDefault();
      onSave();
    }
  };
  const discountError = errorAt(errors, 'orderDiscount');

  return (
    <div className="entry-grid" onKeyDownCapture={onKeyDown} data-testid="order-lines-edit-form">
      <div className="entry-main">
        <Typography.Text type="secondary">{t('orderLinesEdit.hint')}</Typography.Text>
        <Card size="small" title={t('orderForm.section.lines')}>
          <div className="product-search">
            <ProductSearch
              storeId={order.storeId}
              currency={currency}
              selectRef={productRef}
              onPick={(product, sku) => {
                const line = lineFromSku(product, sku);
                update([...draft.lines, line]);
                setFocusLine(line.key);
              }}
            />
          </div>
          <OrderLinesGrid
            lines={draft.lines}
            storeId={order.storeId}
            currency={currency}
            canOverride={canOverride}
            errors={errors}
            lineQuote={quote.lineQuote}
            onChange={(i, patch) => update(draft.lines.map((l, n) => (n === i ? { ...l, ...patch } : l)))}
            onRemove={(i) => update(draft.lines.filter((_, n) => n !== i))}
            quantityRef={(key, el) => {
              if (el) quantityRefs.current.set(key, el);
              else quantityRefs.current.delete(key);
            }}
            onQuantityEnter={() => productRef.current?.focus()}
          />
        </Card>
      </div>
      <Card
        size="small"
        title={t('orderForm.totals')}
        extra={quote.pending ? <LoadingOutlined data-testid="quote-pending" /> : null}
        data-testid="order-summary"
        data-quote-ready={quote.quote && !quote.pending ? 'true' : 'false'}
      >
        <Form layout="vertical" component="div" className="dense-form">
          <Form.Item
            label={t('orderForm.orderDiscount')}
            validateStatus={discountError ? 'error' : undefined}
            help={discountError}
          >
            <DiscountField
              value={draft.orderDiscount}
              onChange={(orderDiscount) => update(null, { orderDiscount })}
              currency={currency}
              error={discountError}
              testId="order-discount"
            />
          </Form.Item>
        </Form>
        {quote.quote ? (
          <OrderAmounts amounts={quote.quote} dimmed={quote.pending} />
        ) : (
          <Typography.Paragraph type="secondary" className="quote-note">
            {!draft.lines.length
              ? t('orderLinesEdit.noLines')
              : quote.error
                ? t('orderForm.quoteBlocked')
                : t('orderForm.quoting')}
          </Typography.Paragraph>
        )}
        {overrideLost ? <Alert type="warning" showIcon title={t('orderLinesEdit.overrideReprice')} /> : null}
        {conflict !== null ? (
          <Alert
            type="error"
            showIcon
            data-testid="edit-conflict"
            title={t('orderLinesEdit.conflictTitle')}
            description={
              <>
                {t('orderLinesEdit.conflictBody', { version: conflict })}
                <Button
                  size="small"
                  block
                  onClick={onReload}
                  style={{ marginTop: 8 }}
                  data-testid="edit-reload"
                >
                  {t('orderLinesEdit.reload')}
                </Button>
              </>
            }
          />
        ) : null}
        <OrderProblems detail={problem?.detail} unclaimed={unclaimed} fallback={t('orderLinesEdit.failed')} />
        <Flex vertical gap={8} className="entry-actions">
          <Button
            type="primary"
            size="large"
            block
            loading={save.isPending}
            disabled={blocked}
            onClick={onSave}
            data-testid="edit-lines-save"
          >
            {t('orderLinesEdit.save')}
          </Button>
          {!body && conflict === null ? (
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('orderLinesEdit.unchanged')}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" className="kbd-hint" style={{ textAlign: 'center' }}>
            {t('orderLinesEdit.shortcuts')}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
