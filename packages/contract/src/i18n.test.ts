import { describe, expect, it } from 'vitest';
import { errorTitles } from './error-titles.ts';
import { errorCodes, errorStatus } from './errors.ts';
import { format, locales, permissionLabel, pickLocale } from './i18n.ts';
import { messages } from './messages.ts';
import { permissions } from './permissions.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['ja-JP', 'ja'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['fr-FR,ja;q=0.5,en;q=0.8', 'en'],
    ['de, *;q=0.1', 'zh-CN'],
    ['en;q=0, ja', 'ja'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});

describe('message catalogue', () => {
  it('has every error title and message in every language', () => {
    for (const code of errorCodes)
      for (const l of locales) expect(errorTitles[code][l], `${code}/${l}`).toBeTruthy();
    for (const [key, m] of Object.entries(messages))
      for (const l of locales) expect(m[l], `${key}/${l}`).toBeTruthy();
  });
  it('keeps the same placeholders in every language', () => {
    for (const [key, m] of Object.entries(messages)) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
      expect(vars(m.en), key).toBe(vars(m['zh-CN']));
      expect(vars(m.en), key).toBe(vars(m.ja));
    }
  });
  it('labels every permission in every language', () => {
    for (const p of permissions) {
      // a missing word falls back to the raw key: latin letters in Chinese/Japanese, an underscore in English
      expect(permissionLabel(p, 'zh-CN'), p).not.toMatch(/[a-z]/i);
      expect(permissionLabel(p, 'ja'), p).not.toMatch(/[a-z]/i);
      expect(permissionLabel(p, 'en'), p).not.toMatch(/_|^[a-z]/);
    }
  });
  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of errorCodes) expect(errorStatus[code]).toBeGreaterThanOrEqual(400);
  });
  it('formats placeholders', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('validation messages', () => {
  it('every key the schemas use is translated in every language', async () => {
    const fs = await import('node:fs');
    const src = ['common', 'identity', 'business', 'catalog', 'quote', 'order-tools']
      .map((f) => fs.readFileSync(new URL(`./schemas/${f}.ts`, import.meta.url), 'utf8'))
      .join('\n');
    const used = [...src.matchAll(/'((?:format|grant)\.\w+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    const { validationMessages } = await import('./validation-messages.ts');
    for (const k of used)
      for (const l of locales) expect(validationMessages[k]?.[l], `${k}/${l}`).toBeTruthy();
  });
});
