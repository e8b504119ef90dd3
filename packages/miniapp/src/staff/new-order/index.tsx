import { type Customer, type Order, type Product, type Quote, routes } from '@orderloop/contract';
import { Image, Input, Picker, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { QuoteTotals } from '../../components/quote-totals';
import { Status } from '../../components/status';
import { Stepper } from '../../components/stepper';
import { SubHeader } from '../../components/sub-header';
import { SubmitButton } from '../../components/submit-button';
import { isNetworkError, problemText, staffApi, uploadStaffFile } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { staffSession } from '../../state/staff';
import { useStore } from '../../state/store';
import '../staff.scss';

type Loaded<T> = { data: T; loading: boolean; error: unknown };

/** Runs a search shortly after the last keystroke; a late answer for an older query is dropped. */
function useSearch<T>(fetch: (q: string) => Promise<T>, initial: T, q: string, enabled = true) {
  const [state, setState] = useState<Loaded<T>>({ data: initial, loading: enabled, error: null });
  const seq = useRef(0);
  const run = () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetch(q)
      .then((data) => mine === seq.current && setState({ data, loading: false, error: null }))
      .catch((error) => mine === seq.current && setState((s) => ({ ...s, loading: false, error })));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the query changes
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(run, 250);
    return () => clearTimeout(timer);
  }, [q, enabled]);
  return { ...state, retry: run };
}

/**
 * A rep's order: one of their accounts, products from the catalog at that account's prices (the
 * server's quote), photos taken on the spot, submitted into the workflow with one idempotency key.
 */
export default function StaffNewOrderPage() {
  const t = useT();
  const { me } = useStore(staffSession);
  const [customerQ, setCustomerQ] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [productQ, setProductQ] = useState('');
  const [qty, setQty] = useState<Record<string, number>>({});
  const [quote, setQuote] = useState<{ data: Quote | null; error: unknown }>({ data: null, error: null });
  const [photos, setPhotos] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [requestedDate, setRequestedDate] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [placed, setPlaced] = useState<{ order: Order; photosFailed: boolean } | null>(null);
  const storeId = customer?.storeId ?? me?.stores[0]?.id ?? '';
  const fulfilment = me?.business.kind === 'b2b' ? 'shipment' : 'pickup';

  const customers = useSearch(
    (q) =>
      staffApi.call(routes.listCustomers, { query: { q: q || undefined, limit: 20 } }).then((p) => p.items),
    [] as Customer[],
    customerQ,
    !customer,
  );
  const products = useSearch(
    (q) =>
      staffApi
        .call(routes.listProducts, { query: { q: q || undefined, storeId, active: 'true', limit: 30 } })
        .then((p) => p.items),
    [] as Product[],
    productQ,
    !!customer,
  );
  const lines = Object.entries(qty)
    .filter(([, n]) => n > 0)
    .map(([skuId, quantity]) => ({ skuId, quantity }));

  // the account's prices come from the server's quote, never from the phone
  const linesKey = JSON.stringify(lines);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lines are compared by value (linesKey)
  useEffect(() => {
    if (!customer || !lines.length) return setQuote({ data: null, error: null });
    let live = true;
    const timer = setTimeout(() => {
      staffApi
        .call(routes.quote, { body: { storeId, customerId: customer.id, fulfilment, lines } })
        .then((data) => live && setQuote({ data, error: null }))
        .catch((error) => live && setQuote({ data: null, error }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [customer, linesKey]);

  const addPhoto = async () => {
    try {
      const r = await Taro.chooseImage({ count: 9 - photos.length, sourceType: ['camera', 'album'] });
      setPhotos((p) => [...p, ...r.tempFilePaths].slice(0, 9));
    } catch {
      // the rep closed the camera
    }
  };

  const uploadPhotos = async (order: Order) => {
    try {
      for (const p of photos) await uploadStaffFile(`/api/orders/${order.id}/attachments`, p);
      setPlaced({ order, photosFailed: false });
    } catch {
      setPlaced({ order, photosFailed: true });
    }
  };

  const submit = async (idempotencyKey: string) => {
    if (!customer || !lines.length || !quote.data) return;
    setFailure(null);
    try {
      const order = await staffApi.call(routes.createOrder, {
        idempotencyKey,
        body: {
          storeId,
          customerId: customer.id,
          fulfilment,
          lines,
          notes: notes.trim() || null,
          fulfilmentDetails: requestedDate ? { requestedDate } : {},
          clientTotal: quote.data.total,
        },
      });
      await uploadPhotos(order);
    } catch (e) {
      setFailure(problemText(e, isNetworkError(e) ? t('confirm.retrySubmit') : t('common.networkError')));
    }
  };

  if (placed)
    return (
      <View className="page staff">
        <SubHeader title={t('staff.newOrder')} />
        <View className="card staff-done" data-testid="staff-placed">
          <View className="title">{t('staff.submitted', { number: placed.order.number })}</View>
          <View className="muted">
            {customer?.name} · {money(placed.order.total, placed.order.currency)}
          </View>
          {placed.photosFailed ? (
            <>
              <View className="error" style={{ margin: '16px 0' }}>
                {t('staff.photosFailed')}
              </View>
              <View className="btn ghost" onClick={() => void uploadPhotos(placed.order)}>
                {t('staff.retryPhotos')}
              </View>
            </>
          ) : null}
        </View>
        <View className="card staff-links">
          <View className="btn" onClick={() => void Taro.redirectTo({ url: '/staff/new-order/index' })}>
            {t('staff.another')}
          </View>
          <View className="btn ghost" onClick={() => void Taro.redirectTo({ url: '/staff/home/index' })}>
            {t('staff.title')}
          </View>
        </View>
      </View>
    );

  return (
    <View className="page staff">
      <SubHeader title={t('staff.newOrder')} />
      <View className="card">
        <View className="row" style={{ minHeight: '56px' }}>
          <View className="section-title" style={{ margin: 0 }}>
            {t('staff.customer')}
          </View>
          {customer ? (
            <View className="chip" style={{ margin: 0 }} onClick={() => setCustomer(null)}>
              {t('staff.change')}
            </View>
          ) : null}
        </View>
        {customer ? (
          <View data-testid="staff-customer">
            <View className="title">{customer.name}</View>
            <View className="muted">
              {[customer.contactName, customer.phone].filter(Boolean).join(' · ')}
            </View>
          </View>
        ) : (
          <>
            <Input
              className="input staff-search"
              value={customerQ}
              placeholder={t('staff.searchCustomer')}
              data-testid="customer-search"
              onInput={(e) => setCustomerQ(e.detail.value)}
            />
            <Status
              loading={customers.loading && !customers.data.length}
              error={customers.error}
              onRetry={customers.retry}
            />
            {!customers.loading && !customers.error && !customers.data.length ? (
              <View className="muted">{t('staff.noCustomers')}</View>
            ) : null}
            {customers.data.map((c) => (
              <View
                key={c.id}
                className="staff-pick"
                data-testid="customer-option"
                onClick={() => setCustomer(c)}
              >
                <View>{c.name ?? c.phone}</View>
                <View className="muted">{[c.contactName, c.phone].filter(Boolean).join(' · ')}</View>
              </View>
            ))}
          </>
        )}
      </View>
      {customer ? (
        <View className="card">
          <View className="section-title">{t('staff.catalog')}</View>
          <Input
            className="input staff-search"
            value={productQ}
            placeholder={t('staff.searchProduct')}
            data-testid="product-search"
            onInput={(e) => setProductQ(e.detail.value)}
          />
          <Status
            loading={products.loading && !products.data.length}
            error={products.error}
            onRetry={products.retry}
          />
          {products.data.flatMap((p) =>
            p.skus
              .filter((s) => s.active)
              .map((s) => (
                <View key={s.id} className="staff-row" data-testid="staff-product">
                  <View>
                    <View>
                      {p.name}
                      {s.label ? ` · ${s.label}` : ''}
                    </View>
                    <View className="muted">
                      {s.code} · {money(s.price, me?.stores[0]?.currency)}/{p.unit}
                    </View>
                  </View>
                  <Stepper
                    value={qty[s.id] ?? 0}
                    max={9999}
                    label={p.name}
                    onChange={(n) => setQty((q) => ({ ...q, [s.id]: n }))}
                  />
                </View>
              )),
          )}
        </View>
      ) : null}
      {customer ? (
        <View className="card" data-testid="staff-quote">
          <View className="section-title">{t('staff.lines')}</View>
          {!lines.length ? <View className="muted">{t('staff.noLines')}</View> : null}
          {quote.error ? (
            <View className="error">{problemText(quote.error, t('common.networkError'))}</View>
          ) : null}
          {lines.length && quote.data
            ? quote.data.lines.map((l) => (
                <View key={l.skuId} className="staff-row">
                  <View>
                    <View>
                      {l.productName} ×{l.quantity}
                    </View>
                    <View className="muted">
                      {money(l.unitPrice, quote.data!.currency)}
                      {l.priceSource === 'price_list' ? (
                        <View className="tag" style={{ marginLeft: '12px' }}>
                          {t('staff.accountPrice')}
                        </View>
                      ) : null}
                    </View>
                  </View>
                  <View>{money(l.total, quote.data!.currency)}</View>
                </View>
              ))
            : null}
          {lines.length && quote.data ? <QuoteTotals quote={quote.data} /> : null}
        </View>
      ) : null}
      {customer ? (
        <View className="card">
          <View className="section-title">{t('staff.photos')}</View>
          <View className="staff-photos">
            {photos.map((p) => (
              <Image key={p} className="staff-photo" src={p} mode="aspectFill" data-testid="staff-photo" />
            ))}
            {photos.length < 9 ? (
              <View className="staff-photo-add" data-testid="add-photo" onClick={() => void addPhoto()}>
                {t('staff.addPhoto')}
              </View>
            ) : null}
          </View>
          {fulfilment === 'shipment' ? (
            <View className="field" style={{ marginTop: '24px' }}>
              <View className="label">{t('staff.requestedDate')}</View>
              <Picker
                mode="date"
                value={requestedDate}
                onChange={(e) => setRequestedDate(String(e.detail.value))}
              >
                <View className="input">{requestedDate || '—'}</View>
              </Picker>
            </View>
          ) : null}
          <View className="field">
            <View className="label">{t('confirm.notes')}</View>
            <Textarea
              className="input staff-notes"
              value={notes}
              maxlength={2000}
              onInput={(e) => setNotes(e.detail.value)}
            />
          </View>
        </View>
      ) : null}
      {customer ? (
        <View className="bottom-bar">
          <View>
            {failure ? (
              <View className="error" data-testid="staff-failure">
                {failure}
              </View>
            ) : (
              <View className="price totals-total">
                {quote.data ? money(quote.data.total, quote.data.currency) : ''}
              </View>
            )}
          </View>
          <SubmitButton
            label={t('staff.submit')}
            busyLabel={t('confirm.submitting')}
            disabled={!lines.length || !quote.data}
            testId="staff-submit"
            onSubmit={submit}
          />
        </View>
      ) : null}
    </View>
  );
}
