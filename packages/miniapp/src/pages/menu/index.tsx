import type { MenuProduct } from '@orderloop/contract';
import { ScrollView, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CartBar } from '../../components/cart-bar';
import { Status } from '../../components/status';
import { Stepper } from '../../components/stepper';
import { useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { go, switchTo } from '../../lib/nav';
import { addLine, cart, lineKey, setQuantity } from '../../state/cart';
import { session } from '../../state/session';
import { loadMenu, loadStorefront, menu, place, storefront } from '../../state/shop';
import { useStore } from '../../state/store';
import './index.scss';

/** One SKU and no choice to make: the product can be added straight from the list. */
const quickSku = (p: MenuProduct) =>
  p.skus.length === 1 && !p.optionGroups.some((g) => !g.variant && g.required) ? p.skus[0]! : null;

export default function MenuPage() {
  const t = useT();
  const { data, loading, error } = useStore(menu);
  const store = useStore(storefront).data;
  const p = useStore(place);
  const { token } = useStore(session);
  const c = useStore(cart);
  const [active, setActive] = useState<string | null>(null);
  const [target, setTarget] = useState('');

  // signing in or out changes the prices: reload then
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the session
  useEffect(() => {
    if (!store) void loadStorefront().then(loadMenu);
    else void loadMenu();
  }, [token]);

  const inCart = (skuId: string) =>
    c.storeId === p.storeId ? (c.lines.find((l) => l.key === lineKey(skuId, {}))?.quantity ?? 0) : 0;
  const countOf = (productId: string) =>
    c.storeId === p.storeId
      ? c.lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0)
      : 0;

  const quickAdd = (product: MenuProduct, skuId: string, quantity: number) => {
    if (!token) return go('profile', { back: '1' });
    const current = inCart(skuId);
    if (current === 0 && quantity > 0)
      addLine(
        {
          skuId,
          productId: product.id,
          productName: product.name,
          skuLabel: product.skus[0]!.label,
          modifiers: {},
          modifiersLabel: '',
        },
        quantity,
      );
    else setQuantity(lineKey(skuId, {}), quantity);
  };

  const currentCat = active ?? data?.categories[0]?.id ?? null;
  return (
    <View className="menu-page">
      <View className="menu-head" onClick={() => switchTo('home')}>
        <View className="menu-store">{store?.name ?? ''}</View>
        <View className="muted">
          {p.fulfilment ? t(`mode.${p.fulfilment}`) : ''}
          {p.fulfilment === 'dine_in' && p.table ? ` · ${t('store.table')} ${p.table}` : ''}
          {data?.taxMode === 'exclusive' ? ` · ${t('menu.taxExcl')}` : ''}
        </View>
      </View>
      <Status loading={loading && !data} error={!data ? error : null} onRetry={() => void loadMenu()} />
      {data ? (
        <View className="menu-body">
          <ScrollView scrollY className="menu-rail">
            {data.categories.map((cat) => {
              const n = cat.productIds.reduce((sum, id) => sum + countOf(id), 0);
              return (
                <View
                  key={cat.id}
                  className={`menu-rail-item ${cat.id === currentCat ? 'on' : ''}`}
                  onClick={() => {
                    setActive(cat.id);
                    setTarget(`cat-${cat.id}`);
                  }}
                >
                  {cat.name}
                  {n ? <View className="menu-rail-count">{n}</View> : null}
                </View>
              );
            })}
          </ScrollView>
          <ScrollView scrollY scrollIntoView={target} scrollWithAnimation className="menu-list">
            {data.categories.map((cat) => (
              <View key={cat.id} id={`cat-${cat.id}`}>
                <View className="menu-cat-title">{cat.name}</View>
                {cat.productIds.map((id) => {
                  const product = data.products.find((x) => x.id === id)!;
                  const sku = quickSku(product);
                  const off = product.unavailable;
                  return (
                    <View
                      key={id}
                      className={`menu-item ${off ? 'off' : ''}`}
                      onClick={() => go('product', { id })}
                    >
                      <View className="menu-thumb">{product.name.slice(0, 1)}</View>
                      <View className="menu-info">
                        <View className="menu-name">{product.name}</View>
                        {product.description ? (
                          <View className="menu-desc">{product.description}</View>
                        ) : null}
                        <View>
                          {product.tags.map((tag) => (
                            <View key={tag} className="tag">
                              {tag}
                            </View>
                          ))}
                          {off ? <View className="tag grey">{t(`reason.${off}`)}</View> : null}
                        </View>
                        <View className="menu-foot">
                          <View className="price">
                            {money(product.fromPrice, data.currency)}
                            {product.skus.length > 1 ? (
                              <View className="menu-from">{t('menu.from')}</View>
                            ) : null}
                          </View>
                          {off ? null : sku ? (
                            <Stepper
                              value={inCart(sku.id)}
                              label={product.name}
                              onChange={(n) => quickAdd(product, sku.id, n)}
                            />
                          ) : (
                            <View className="menu-choose">
                              {t('menu.choose')}
                              {countOf(id) ? <View className="menu-choose-count">{countOf(id)}</View> : null}
                            </View>
                          )}
                        </View>
                      </View>
                    </View>
                  );
                })}
              </View>
            ))}
            <View className="menu-spacer" />
          </ScrollView>
        </View>
      ) : null}
      <CartBar />
    </View>
  );
}
