import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatAmount, render } from './templates.ts';
import { isPrivateAddress, signWebhook, verifyWebhook } from './webhook.ts';
import { backoffMs } from './worker.ts';

describe('backoff', () => {
  it('doubles from 30 s, stays within ±20 %, and stops growing at an hour', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(2, () => 0.5)).toBe(60_000);
    expect(backoffMs(4, () => 0.5)).toBe(240_000);
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
    expect(backoffMs(20, () => 0.5)).toBe(3_600_000);
  });
});

describe('webhook signatures', () => {
  const body = '{"id":"x","event":"new_order"}';
  it('is the hex HMAC-SHA256 of "timestamp.body"', () => {
    const expected = createHmac('sha256', 'k'.repeat(32)).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('k'.repeat(32), '1700000000', body)).toBe(`sha256=${expected}`);
  });
  it('verifies the signature and the timestamp window', () => {
    const signature = signWebhook('secret-secret-secret', '1700000000', body);
    const h = { timestamp: '1700000000', signature };
    expect(verifyWebhook('secret-secret-secret', h, body, 1_700_000_100)).toBe(true);
    expect(verifyWebhook('secret-secret-secret', h, `${body} `, 1_700_000_100)).toBe(false);
    expect(verifyWebhook('secret-secret-secret', h, body, 1_700_001_000)).toBe(false);
    expect(verifyWebhook('other-secret-value', h, body, 1_700_000_100)).toBe(false);
  });
});

describe('private addresses (webhook SSRF guard)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ])('%s is private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(['8.8.8.8', '203.0.113.9', '2001:4860:4860::8888'])('%s is public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('templates', () => {
  const vars = {
    number: 'A-20261122-0007',
    customer: '王小姐',
    state: { 'zh-CN': '待取餐', en: 'Ready', ja: '受け取り待ち' },
    total: 12_345,
    currency: 'CNY',
    store: '人民广场店',
    link: 'https://ol.test/orders/1',
  };
  it('fills the variables in each language', () => {
    expect(render('new_order', 'zh-CN', vars)).toEqual({
      title: '新订单 A-20261122-0007',
      body: '人民广场店 收到 王小姐 的新订单 A-20261122-0007，金额 ¥123.45。',
    });
    expect(render('order_overdue', 'en', vars).body).toBe(
      'Order A-20261122-0007 has been in "Ready" longer than its SLA.',
    );
    expect(render('order_shipped', 'ja', vars).body).toContain('https://ol.test/orders/1');
  });
  it('names a walk-in customer when the order has no name', () => {
    expect(render('new_order', 'en', { ...vars, customer: '' }).body).toContain('from a walk-in customer');
  });
  it('falls back to a generic notice for an unknown event', () => {
    expect(render('custom_event', 'en', vars)).toEqual({
      title: 'Order A-20261122-0007: Ready',
      body: 'Order A-20261122-0007 is now Ready.',
    });
  });
  it('formats minor units by the currency', () => {
    expect(formatAmount(1800, 'JPY', 'ja')).toBe('￥1,800');
    expect(formatAmount(1800, 'CNY', 'en')).toBe('CN¥18.00');
  });
});
