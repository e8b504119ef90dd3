import type { MenuProduct } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { pickSku, type Selection, startSelection } from '../pages/product/selection';
import { prefs } from '../state/prefs';
import { render } from '../test-utils/render';
import { OptionPicker } from './option-picker';

// a noodle bowl: size is a variant (its own SKU and price), spice and extras are modifiers
const noodles = {
  id: '00000000-0000-4000-8000-000000000001',
  name: '红烧牛肉面',
  optionGroups: [
    {
      code: 'size',
      name: '规格',
      variant: true,
      required: true,
      values: [
        { code: 'regular', name: '标准', priceDelta: 0 },
        { code: 'large', name: '大碗', priceDelta: 0 },
        { code: 'family', name: '家庭装', priceDelta: 0 },
      ],
    },
    {
      code: 'spice',
      name: '辣度',
      variant: false,
      required: true,
      values: [
        { code: 'mild', name: '微辣', priceDelta: 0 },
        { code: 'hot', name: '特辣', priceDelta: 0 },
      ],
    },
    {
      code: 'extra',
      name: '加料',
      variant: false,
      required: false,
      values: [{ code: 'egg', name: '加蛋', priceDelta: 200 }],
    },
  ],
  skus: [
    { id: 's1', code: 'N-R', label: '标准', options: { size: 'regular' }, price: 3200, unavailable: null },
    { id: 's2', code: 'N-L', label: '大碗', options: { size: 'large' }, price: 3700, unavailable: null },
    {
      id: 's3',
      code: 'N-F',
      label: '家庭装',
      options: { size: 'family' },
      price: 6800,
      unavailable: 'sold_out',
    },
  ],
} as unknown as MenuProduct;

describe('OptionPicker', () => {
  it('shows variant prices, modifier price changes, and marks an unorderable variant off', async () => {
    prefs.set({ locale: 'zh-CN' });
    const sel = startSelection(noodles);
    expect(sel).toEqual({ size: 'regular', spice: 'mild' });
    const r = await render(
      <OptionPicker product={noodles} selection={sel} currency="CNY" onToggle={() => {}} />,
    );
    const chips = (group: string) => r.all(`[data-testid="group-${group}"] .chip`);
    expect(chips('size').map((c) => c.textContent)).toEqual(['标准 ¥32', '大碗 ¥37', '家庭装 ¥68']);
    expect(chips('size')[2]!.className).toContain('off');
    expect(chips('size')[0]!.className).toContain('on');
    expect(chips('extra')[0]!.textContent).toBe('加蛋 +¥2');
    expect(r.find('[data-testid="group-spice"]')!.textContent).toContain('必选');
    expect(r.find('[data-testid="group-extra"]')!.textContent).toContain('可选');
  });

  it('reports the tapped value, and the choice names the SKU and modifiers the cart sends', async () => {
    const taps: [string, string, boolean][] = [];
    let sel: Selection = startSelection(noodles);
    const r = await render(
      <OptionPicker
        product={noodles}
        selection={sel}
        currency="CNY"
        onToggle={(g, v, req) => taps.push([g, v, req])}
      />,
    );
    await r.tap(r.all('[data-testid="group-size"] .chip')[1]!);
    await r.tap(r.all('[data-testid="group-extra"] .chip')[0]!);
    expect(taps).toEqual([
      ['size', 'large', true],
      ['extra', 'egg', false],
    ]);
    sel = { ...sel, size: 'large', extra: 'egg' };
    const picked = pickSku(noodles, sel);
    expect(picked.sku?.id).toBe('s2');
    expect(picked.modifiers).toEqual({ spice: 'mild', extra: 'egg' });
    expect(picked.modifiersLabel).toBe('微辣 / 加蛋');
    expect(picked.delta).toBe(200);
    expect(pickSku(noodles, { size: 'large' }).missing).toEqual(['spice']);
  });
});
