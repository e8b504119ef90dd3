import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { OptionPicker } from '../../components/option-picker';
import { Status } from '../../components/status';
import { Stepper } from '../../components/stepper';
import { SubHeader } from '../../components/sub-header';
import { useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { back, go } from '../../lib/nav';
import { addLine } from '../../state/cart';
import { session } from '../../state/session';
import { loadMenu, loadStorefront, menu } from '../../state/shop';
import { useStore } from '../../state/store';
import { pickSku, type Selection, startSelection } from './selection';
import './index.scss';

export default function ProductPage() {
  const t = useT();
  const { params } = useRouter();
  const { data, loading, error } = useStore(menu);
  const { token } = useStore(session);
  const product = data?.products.find((p) => p.id === params.id);
  const [sel, setSel] = useState<Selection>({});
  const [quantity, setQuantity] = useState(1);
  // opened directly (a shared link): load the store and its menu first
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening
  useEffect(() => {
    if (!data) void loadStorefront().then(loadMenu);
  }, []);
  // the default choices, once per product (not again when the menu reloads)
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the product id
  useEffect(() => {
    if (product) setSel(startSelection(product));
  }, [product?.id]);
  const picked = useMemo(() => (product ? pickSku(product, sel) : null), [product, sel]);

  if (!product)
    return (
      <View className="page">
        <Status loading={loading || !data} error={error} onRetry={() => void loadMenu()} />
      </View>
    );
  const currency = data!.currency;
  const toggle = (group: string, value: string, required: boolean) =>
    setSel((s) => {
      if (s[group] === value && !required) {
        const { [group]: _, ...rest } = s;
        return rest;
      }
      return { ...s, [group]: value };
    });

  const add = () => {
    if (!token) return go('profile', { back: '1' });
    if (!picked?.sku || picked.missing.length || picked.sku.unavailable) return;
    addLine(
      {
        skuId: picked.sku.id,
        productId: product.id,
        productName: product.name,
        skuLabel: picked.sku.label,
        modifiers: picked.modifiers,
        modifiersLabel: picked.modifiersLabel,
      },
      quantity,
    );
    back();
  };
  const blocked = !picked?.sku || picked.missing.length > 0 || !!picked.sku.unavailable;
  return (
    <View className="page product">
      <SubHeader title={product.name} />
      <View className="product-hero">{product.name.slice(0, 1)}</View>
      <View className="card">
        <View className="title">{product.name}</View>
        {product.description ? <View className="muted product-desc">{product.description}</View> : null}
        {product.unavailable ? <View className="tag grey">{t(`reason.${product.unavailable}`)}</View> : null}
      </View>
      <OptionPicker product={product} selection={sel} currency={currency} onToggle={toggle} />
      <View className="card row">
        <View>{t('product.quantity')}</View>
        <Stepper value={quantity} min={1} onChange={setQuantity} label={product.name} />
      </View>
      <View className="product-bar">
        <View className="product-price price">
          {picked?.sku ? money((picked.sku.price + picked.delta) * quantity, currency) : ''}
          {picked?.sku?.unavailable ? (
            <View className="tag grey product-reason">{t(`reason.${picked.sku.unavailable}`)}</View>
          ) : null}
        </View>
        <View className={`btn ${blocked ? 'disabled' : ''}`} onClick={add}>
          {t('product.addToCart')}
        </View>
      </View>
    </View>
  );
}
