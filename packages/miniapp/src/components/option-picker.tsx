import type { MenuProduct } from '@orderloop/contract';
import { View } from '@tarojs/components';
import { useT } from '../lib/i18n';
import { money } from '../lib/money';
import { pickSku, type Selection } from '../pages/product/selection';

type Props = {
  product: MenuProduct;
  selection: Selection;
  currency: string;
  onToggle: (group: string, value: string, required: boolean) => void;
};

/**
 * The option groups of a product: a variant value shows its SKU's price (and is off when that SKU
 * cannot be ordered), a modifier value its price change.
 */
export function OptionPicker({ product, selection, currency, onToggle }: Props) {
  const t = useT();
  return (
    <>
      {product.optionGroups.map((g) => (
        <View key={g.code} className="card product-group" data-testid={`group-${g.code}`}>
          <View className="section-title">
            {g.name}{' '}
            <View className="muted product-req">
              {g.required ? t('product.required') : t('product.optional')}
            </View>
          </View>
          <View>
            {g.values.map((v) => {
              const sku = g.variant ? pickSku(product, { ...selection, [g.code]: v.code }).sku : null;
              const off = g.variant && (!sku || !!sku.unavailable);
              const delta = g.variant && sku ? null : v.priceDelta;
              return (
                <View
                  key={v.code}
                  className={`chip ${selection[g.code] === v.code ? 'on' : ''} ${off ? 'off' : ''}`}
                  onClick={() => onToggle(g.code, v.code, g.required)}
                >
                  {v.name}
                  {g.variant && sku ? ` ${money(sku.price, currency)}` : ''}
                  {delta ? ` +${money(delta, currency)}` : ''}
                </View>
              );
            })}
          </View>
        </View>
      ))}
    </>
  );
}
