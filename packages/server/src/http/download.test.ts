import { filenameOf } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from './download.ts';

describe('contentDisposition', () => {
  it('keeps a plain ASCII name as it is', () => {
    expect(contentDisposition('catalog-20261122.xlsx')).toBe('attachment; filename="catalog-20261122.xlsx"');
  });

  it('adds an RFC 5987 filename* for a non-ASCII name, beside an ASCII stand-in', () => {
    const header = contentDisposition('商品目录-20261122.xlsx', 'catalog-20261122.xlsx');
    expect(header).toBe(
      'attachment; filename="catalog-20261122.xlsx"; filename*=UTF-8\'\'%E5%95%86%E5%93%81%E7%9B%AE%E5%BD%95-20261122.xlsx',
    );
    expect(filenameOf(header)).toBe('商品目录-20261122.xlsx');
    // without a stand-in, non-ASCII characters become underscores
    expect(contentDisposition('カタログ.csv')).toMatch(
      /^attachment; filename="____\.csv"; filename\*=UTF-8''/,
    );
  });

  it('cannot be used to inject parameters or headers', () => {
    const header = contentDisposition('a"; evil=1\r\nX-Bad: 1.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="a_; evil=1')).toBe(true);
    expect(filenameOf(header)).toBe('a"; evil=1\r\nX-Bad: 1.csv');
  });
});

describe('filenameOf', () => {
  it('reads filename* first, then a quoted or bare filename', () => {
    expect(filenameOf(`attachment; filename="x.csv"; filename*=UTF-8''%E4%BD%A0.csv`)).toBe('你.csv');
    expect(filenameOf('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(filenameOf('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('inline')).toBeNull();
  });
});
