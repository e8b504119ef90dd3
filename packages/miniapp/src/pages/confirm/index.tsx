import { ApiError, routes } from '@orderloop/contract';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { QuoteTotals } from '../../components/quote-totals';
import { SubHeader } from '../../components/sub-header';
import { SubmitButton } from '../../components/submit-button';
import { api, isNetworkError, problemText } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { cart, clearCart, quote, refreshQuote, signatureOf } from '../../state/cart';
import { session } from '../../state/session';
import { type Fulfilment, place, storefront } from '../../state/shop';
import { useStore } from '../../state/store';
import { type Details, orderBody, pickupSlots } from './order-body';
import './index.scss';

export default function ConfirmPage() {
  const t = useT();
  const p = useStore(place);
  const store = useStore(storefront).data;
  const c = useStore(cart);
  const q = useStore(quote);
  const { me } = useStore(session);
  const [fulfilment, setFulfilment] = useState<Fulfilment | null>(p.fulfilment);
  const [details, setDetails] = useState<Details>({
    tableNumber: p.table ?? '',
    pickupAt: '',
    address: '',
    requestedDate: '',
    notes: '',
    name: me?.customer.name ?? '',
    phone: me?.customer.phone ?? '',
  });
  const [failure, setFailure] = useState<{ network: boolean; text: string } | null>(null);

  useEffect(() => {
    refreshQuote(fulfilment).catch(() => {});
  }, [fulfilment]);

  const set = (k: keyof Details) => (e: { detail: { value: string } }) =>
    setDetails((d) => ({ ...d, [k]: e.detail.value }));
  const now = new Date();
  // the button keeps one key for this screen: a double tap or a retry after a dropped connection makes one order
  const submit = async (idempotencyKey: string) => {
    if (!fulfilment || !c.storeId) return;
    const built = orderBody(c.storeId, fulfilment, c.lines, details, q.data?.total);
    if ('missing' in built) {
      setFailure({ network: false, text: t('confirm.missing', { field: t(built.missing) }) });
      return;
    }
    setFailure(null);
    try {
      const order = await api.call(routes.customerCreateOrder, { body: built.body, idempotencyKey });
      clearCart();
      Taro.redirectTo({ url: `/pages/order/index?id=${order.id}&placed=1` });
    } catch (e) {
      setFailure({ network: isNetworkError(e), text: problemText(e, t('confirm.retrySubmit')) });
      if (e instanceof ApiError) refreshQuote(fulfilment).catch(() => {});
    }
  };

  const fresh = q.data && q.forLines === signatureOf(c.storeId, fulfilment, c.lines) ? q.data : null;
  return (
    <View className="page confirm">
      <SubHeader title={t('confirm.title')} />
      <View className="card">
        <View className="section-title">{t('confirm.fulfilment')}</View>
        <View>
          {(store?.fulfilments ?? []).map((f) => (
            <View key={f} className={`chip ${fulfilment === f ? 'on' : ''}`} onClick={() => setFulfilment(f)}>
              {t(`mode.${f}`)}
            </View>
          ))}
        </View>
        {fulfilment === 'dine_in' ? (
          <View className="field">
            <View className="label">{t('confirm.tableNumber')}</View>
            <Input
              className="input"
              value={details.tableNumber}
              maxlength={20}
              onInput={set('tableNumber')}
            />
          </View>
        ) : null}
        {fulfilment === 'pickup' ? (
          <View className="field">
            <View className="label">{t('confirm.pickupAt')}</View>
            <View>
              {pickupSlots(now).map((slot) => (
                <View
                  key={slot.value}
                  className={`chip ${details.pickupAt === slot.value ? 'on' : ''}`}
                  onClick={() => setDetails((d) => ({ ...d, pickupAt: slot.value }))}
                >
                  {slot.value ? slot.label : t('confirm.asap')}
                </View>
              ))}
            </View>
          </View>
        ) : null}
        {fulfilment === 'delivery' ? (
          <View className="field">
            <View className="label">{t('confirm.address')}</View>
            <Input className="input" value={details.address} maxlength={300} onInput={set('address')} />
          </View>
        ) : null}
        {fulfilment === 'shipment' ? (
          <View className="field">
            <View className="label">{t('confirm.requestedDate')}</View>
            <Picker mode="date" value={details.requestedDate} onChange={set('requestedDate')}>
              <View className="input confirm-picker">{details.requestedDate || '—'}</View>
            </Picker>
          </View>
        ) : null}
      </View>
      <View className="card">
        <View className="section-title">{t('confirm.contact')}</View>
        <View className="field">
          <View className="label">{t('confirm.name')}</View>
          <Input className="input" value={details.name} maxlength={80} onInput={set('name')} />
        </View>
        <View className="field">
          <View className="label">{t('confirm.phone')}</View>
          <Input
            className="input"
            type="number"
            value={details.phone}
            maxlength={20}
            onInput={set('phone')}
          />
        </View>
        <View className="field">
          <View className="label">{t('confirm.notes')}</View>
          <Textarea
            className="input confirm-notes"
            value={details.notes}
            maxlength={2000}
            placeholder={t('confirm.notesHint')}
            onInput={set('notes')}
          />
        </View>
      </View>
      <View className="card">
        <View className="section-title">{t('confirm.payment')}</View>
        <View className="chip on">{t('confirm.payAtCounter')}</View>
        <View className="chip off">{t('confirm.payOnline')}</View>
      </View>
      <View className="card">
        {c.lines.map((l, i) => (
          <View key={l.key} className="row confirm-line">
            <View>
              {l.productName} ×{l.quantity}
              <View className="muted">{[l.skuLabel, l.modifiersLabel].filter(Boolean).join(' / ')}</View>
            </View>
            <View>{fresh?.lines[i] ? money(fresh.lines[i]!.total, fresh.currency) : ''}</View>
          </View>
        ))}
        {fresh ? <QuoteTotals quote={fresh} /> : <View className="muted">{t('quote.pending')}</View>}
      </View>
      {failure ? (
        <View className="confirm-failure" data-testid="submit-failure">
          {failure.text}
        </View>
      ) : null}
      <View className="bottom-bar">
        <View className="price totals-total">
          {fresh && !q.pending ? money(fresh.total, fresh.currency) : '…'}
        </View>
        <SubmitButton
          label={failure?.network ? t('common.retry') : t('confirm.submit')}
          busyLabel={t('confirm.submitting')}
          disabled={!fresh?.orderable}
          onSubmit={submit}
        />
      </View>
    </View>
  );
}
