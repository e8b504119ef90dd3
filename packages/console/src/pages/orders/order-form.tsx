import { routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Form, Input, type RefSelectProps, Select } from 'antd';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { useSession } from '../../session/session-context.tsx';
import { type DraftLine, lineFromSku, type OrderDraft, orderBody } from './order-draft.ts';
import { errorAt, type FieldErrors, fieldErrorsOf, shownPaths } from './order-errors.ts';
import { OrderHeaderFields } from './order-header-fields.tsx';
import { OrderLinesGrid } from './order-lines-grid.tsx';
import { OrderSummaryPanel } from './order-summary-panel.tsx';
import { ProductSearch } from './product-search.tsx';
import { useOrderQuote } from './use-order-quote.ts';

type Focusable = { focus: (o?: { cursor?: 'all' | 'start' | 'end' }) => void };
type SubmitProblem = { fields: FieldErrors; detail: string | null };

const without = (errors: FieldErrors, prefixes: string[]) =>
  Object.fromEntries(
    Object.entries(errors).filter(([k]) => !prefixes.some((p) => k === p || k.startsWith(`${p}.`))),
  );

/**
 * Order entry, drivable from the keyboard: pick a customer (Enter jumps to the product lookup),
 * pick a product (Enter adds the line and puts the cursor in its quantity), Enter again goes back
 * to the lookup for the next line; Ctrl+Enter submits, Ctrl+S saves a draft. The server prices
 * every change (quote) and validates on save; its field errors land on the cells they name.
 */
export function OrderForm({ initial }: { initial: OrderDraft }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  // one key per form: a retried or double-pressed submit makes one order, not two
  const idempotencyKey = useRef(newIdempotencyKey());
  const customerRef = useRef<RefSelectProps>(null);
  const productRef = useRef<RefSelectProps>(null);
  const quantityRefs = useRef(new Map<string, Focusable>());
  const [focusLine, setFocusLine] = useState<string | null>(null);

  const currency = me.stores.find((s) => s.id === draft.storeId)?.currency ?? 'CNY';
  const canOverride = can('orders.override_price');
  const quote = useOrderQuote(draft, currency);
  const quoteProblem = quote.error ? fieldErrorsOf(quote.error, draft, t) : null;
  const errors: FieldErrors = { ...quoteProblem?.fields, ...problem?.fields };
  const shown = useMemo(() => shownPaths(draft), [draft]);
  const unclaimed = Object.entries(problem?.fields ?? {}).filter(([path]) => !shown(path));

  useEffect(() => {
    if (initial.lines.length) productRef.current?.focus();
    else customerRef.current?.focus();
  }, [initial]);
  useEffect(() => {
    if (!focusLine) return;
    quantityRefs.current.get(focusLine)?.focus({ cursor: 'all' });
    setFocusLine(null);
  }, [focusLine]);

  const update = useCallback((patch: Partial<OrderDraft>, clears: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblem((p) => (p ? { fields: without(p.fields, clears), detail: null } : p));
  }, []);
  const changeLine = (i: number, patch: Partial<DraftLine>) =>
    update(
      { lines: draft.lines.map((l, n) => (n === i ? { ...l, ...patch } : l)) },
      Object.keys(patch).map((k) => `lines.${i}.${k}`),
    );
  // positions shift: errors of the later lines no longer point at the right row
  const removeLine = (i: number) => update({ lines: draft.lines.filter((_, n) => n !== i) }, ['lines']);

  const save = useMutation({
    mutationFn: (submit: boolean) =>
      api.call(routes.createOrder, {
        body: orderBody(draft, currency, submit, quote.pending ? undefined : quote.quote?.total),
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (order, submit) => {
      message.success(t(submit ? 'orderForm.submitted' : 'orderForm.saved', { number: order.number }));
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      navigate(`/orders/${order.id}`);
    },
    onError: (err) => {
      setProblem(fieldErrorsOf(err, draft, t));
      // a definite refusal created nothing: the corrected order is a new request with a new key
      if (isApiError(err) && err.status < 500 && err.code !== 'IDEMPOTENCY_IN_PROGRESS')
        idempotencyKey.current = newIdempotencyKey();
    },
    onSettled: () => setSaving(null),
  });
  const onSave = (submit: boolean) => {
    if (!draft.lines.length || save.isPending) return;
    setSaving(submit ? 'submit' : 'draft');
    save.mutate(submit);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'Enter' || e.key.toLowerCase() === 's') {
      e.preventDefault();
      onSave(e.key === 'Enter');
    }
  };

  return (
    <div className="entry-grid" onKeyDownCapture={onKeyDown} data-testid="order-form">
      <div className="entry-main">
        <Card size="small" title={t('orderForm.section.order')}>
          <OrderHeaderFields
            draft={draft}
            update={update}
            errors={errors}
            customerRef={customerRef}
            onCustomerPicked={() => productRef.current?.focus()}
          />
        </Card>
        <Card size="small" title={t('orderForm.section.lines')}>
          <div className="product-search">
            <ProductSearch
              storeId={draft.storeId}
              currency={currency}
              selectRef={productRef}
              onPick={(product, sku) => {
                const line = lineFromSku(product, sku);
                update({ lines: [...draft.lines, line] }, []);
                setFocusLine(line.key);
              }}
            />
          </div>
          <OrderLinesGrid
            lines={draft.lines}
            storeId={draft.storeId}
            currency={currency}
            canOverride={canOverride}
            errors={errors}
            lineQuote={quote.lineQuote}
            onChange={changeLine}
            onRemove={removeLine}
            quantityRef={(key, el) => {
              if (el) quantityRefs.current.set(key, el);
              else quantityRefs.current.delete(key);
            }}
            onQuantityEnter={() => productRef.current?.focus()}
          />
        </Card>
        <Card size="small" title={t('orderForm.section.more')}>
          <Form layout="vertical" component="div" className="dense-form">
            <Form.Item
              label={t('orderForm.notes')}
              validateStatus={errors.notes ? 'error' : undefined}
              help={errors.notes}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                value={draft.notes}
                maxLength={2000}
                onChange={(e) => update({ notes: e.target.value }, ['notes'])}
                data-testid="order-notes"
              />
            </Form.Item>
            <Form.Item
              label={t('orderForm.tags')}
              validateStatus={errorAt(errors, 'tags') ? 'error' : undefined}
              help={errorAt(errors, 'tags')}
            >
              <Select
                mode="tags"
                value={draft.tags}
                placeholder={t('orderForm.tagsPlaceholder')}
                onChange={(tags: string[]) => update({ tags }, ['tags'])}
                open={false}
                suffixIcon={null}
                data-testid="order-tags"
              />
            </Form.Item>
          </Form>
        </Card>
      </div>
      <OrderSummaryPanel
        quote={quote}
        hasLines={draft.lines.length > 0}
        currency={currency}
        orderDiscount={draft.orderDiscount}
        onOrderDiscount={(orderDiscount) => update({ orderDiscount }, ['orderDiscount'])}
        errors={errors}
        unclaimed={unclaimed}
        detail={problem?.detail ?? null}
        saving={saving}
        onSave={onSave}
      />
    </div>
  );
}
