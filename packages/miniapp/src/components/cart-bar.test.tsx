import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addLine, cart, quote, setQuantity } from '../state/cart';
import { prefs } from '../state/prefs';
import { session } from '../state/session';
import { place } from '../state/shop';
import { flush, render } from '../test-utils/render';
import { CartBar } from './cart-bar';

const STORE = '00000000-0000-4000-8000-0000000000aa';
const egg = {
  skuId: '00000000-0000-4000-8000-0000000000e1',
  productId: 'p1',
  productName: '卤蛋',
  skuLabel: '',
};

type Sent = { url: string; body: { lines: { skuId: string; quantity: number }[] } };
let sent: Sent[] = [];
let answers: ((total: number) => void)[] = [];

// the server's quote endpoint: answers when the test says so, with the total it is given
beforeEach(() => {
  sent = [];
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (url: string, init: { body: string }) =>
        new Promise((resolve) => {
          sent.push({ url, body: JSON.parse(init.body) });
          answers.push((total) =>
            resolve(
              new Response(
                JSON.stringify({
                  storeId: STORE,
                  currency: 'CNY',
                  taxMode: 'inclusive',
                  taxRateBasisPoints: 600,
                  lines: [],
                  fees: [],
                  subtotal: total,
                  discount: 0,
                  feesTotal: 0,
                  tax: 0,
                  total,
                  orderable: true,
                }),
                { status: 200, headers: { 'content-type': 'application/json' } },
              ),
            ),
          );
        }),
    ),
  );
  prefs.set({ locale: 'zh-CN' });
  place.set({ storeId: STORE, table: null, fulfilment: 'pickup' });
  cart.set({ storeId: STORE, lines: [] });
  quote.set({ data: null, pending: false, error: null, forLines: '' });
});
afterEach(() => vi.unstubAllGlobals());

describe('the cart bar', () => {
  it('asks a guest to sign in instead of showing a cart', async () => {
    session.set({ token: null, me: null });
    const r = await render(<CartBar />);
    expect(r.el.textContent).toContain('登录后下单');
  });

  it('shows the count at once and the total only once the server priced exactly this cart', async () => {
    session.set({ token: 'tok', me: null });
    const r = await render(<CartBar />);
    expect(r.el.textContent).toContain('购物车是空的');
    await act(async () => addLine({ ...egg, modifiers: {}, modifiersLabel: '' }, 2));
    await flush(300);
    expect(r.find('.cart-bar-badge')!.textContent).toBe('2');
    expect(r.find('[data-testid="cart-total"]')!.textContent).toBe('计算中…');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toContain('/api/customer/quote');
    expect(sent[0]!.body.lines).toEqual([{ skuId: egg.skuId, quantity: 2, modifiers: {} }]);

    // the same line again merges; the first answer (for 2 eggs) arrives late and is not shown
    await act(async () => addLine({ ...egg, modifiers: {}, modifiersLabel: '' }));
    await flush(300);
    expect(cart.get().lines).toHaveLength(1);
    expect(sent.at(-1)!.body.lines[0]!.quantity).toBe(3);
    await act(async () => answers[0]!(600));
    await flush();
    expect(r.find('[data-testid="cart-total"]')!.textContent).toBe('计算中…');
    await act(async () => answers.at(-1)!(900));
    await flush();
    expect(r.find('[data-testid="cart-total"]')!.textContent).toBe('¥9');
    expect(r.find('.cart-bar-badge')!.textContent).toBe('3');

    // down to zero removes the line: an empty cart, nothing to price
    await act(async () => setQuantity(cart.get().lines[0]!.key, 0));
    await flush(300);
    expect(cart.get().lines).toEqual([]);
    expect(r.el.textContent).toContain('购物车是空的');
  });

  it('a cart filled in another store is not this store’s cart', async () => {
    session.set({ token: 'tok', me: null });
    addLine({ ...egg, modifiers: {}, modifiersLabel: '' }, 1);
    place.set({ storeId: '00000000-0000-4000-8000-0000000000bb', table: null, fulfilment: 'pickup' });
    const r = await render(<CartBar />);
    expect(r.el.textContent).toContain('购物车是空的');
  });
});
