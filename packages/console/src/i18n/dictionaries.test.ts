import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { zhCN } from './zh-cn.ts';

// The console's dictionaries, as the contract's i18n.test.ts checks the server's messages: the same
// keys and placeholders in every language, and no Chinese or Japanese entry left in English.

const dictionaries = { 'zh-CN': zhCN, en, ja } as Record<string, Record<string, string>>;
const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();

// Words a Chinese or Japanese screen writes in Latin letters too: names, formats, keys on the keyboard.
const latinTerms = new Set(
  [
    'Orderloop',
    'WeChat',
    'Alipay',
    'H5',
    'IP',
    'SKU',
    'ERP',
    'CSV',
    'XLSX',
    'Excel',
    'Webhook',
    'URL',
    'JSON',
    'POST',
    'HMAC',
    'API',
    'MB',
    'B2B',
    'ID',
    'Enter',
    'Ctrl',
    'Shift',
    'Esc',
    'X-Orderloop-Signature',
    'sha256',
    'webhook',
    'SMTP',
    'HTTP',
    'POS',
    'ping',
  ].map((w) => w.toLowerCase()),
);

describe('console dictionaries', () => {
  it('have the same keys in every language, none empty', () => {
    const keys = Object.keys(zhCN).sort();
    expect(keys.length).toBeGreaterThan(500);
    for (const [locale, dict] of Object.entries(dictionaries)) {
      expect(Object.keys(dict).sort(), locale).toEqual(keys);
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('keep the same placeholders in every language', () => {
    const wrong = Object.keys(en).filter(
      (k) =>
        vars(zhCN[k as keyof typeof zhCN]) !== vars(en[k as keyof typeof en]) ||
        vars(ja[k as keyof typeof ja]) !== vars(en[k as keyof typeof en]),
    );
    expect(wrong).toEqual([]);
  });

  it('translate every entry: a Chinese or Japanese value equal to the English one is only a name or a sign', () => {
    const same = Object.entries(en)
      .filter(
        ([k, v]) =>
          /[A-Za-z]/.test(v.replace(/\{\w+\}/g, '')) &&
          (zhCN[k as keyof typeof zhCN] === v || ja[k as keyof typeof ja] === v),
      )
      .filter(
        ([, v]) =>
          !latinTerms.has(
            v
              .replace(/\{\w+\}/g, '')
              .trim()
              .toLowerCase(),
          ),
      )
      .map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('write Chinese and Japanese with no English words beyond names, formats and keys', () => {
    const leftovers: string[] = [];
    for (const [locale, dict] of [
      ['zh-CN', zhCN],
      ['ja', ja],
    ] as const)
      for (const [key, value] of Object.entries(dict)) {
        const words = value.replace(/\{\w+\}/g, '').match(/[A-Za-z][A-Za-z0-9-]+/g) ?? [];
        const foreign = words.filter((w) => !latinTerms.has(w.toLowerCase()) && w.length > 2);
        if (foreign.length) leftovers.push(`${locale} ${key}: ${foreign.join(' ')}`);
      }
    expect(leftovers).toEqual([]);
  });
});

describe('dictionary files', () => {
  // the language's dictionary spreads its parts; a key in two parts silently takes the later one
  it('define each key in one part only', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const owners = new Map<string, string[]>();
    for (const file of fs.readdirSync(dir).filter((f) => f === 'en.ts' || f.endsWith('-en.ts')))
      for (const [, key] of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/^\s*'([^']+)':/gm))
        owners.set(key!, [...(owners.get(key!) ?? []), file]);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
