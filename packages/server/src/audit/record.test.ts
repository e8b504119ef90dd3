import { describe, expect, it } from 'vitest';
import { diff } from './record.ts';

describe('audit diff', () => {
  it('keeps only changed fields, comparing by value', () => {
    expect(diff({ a: 1, b: [1, 2], c: { x: 1 } }, { a: 1, b: [1, 2], c: { x: 2 }, d: 'new' })).toEqual({
      c: { before: { x: 1 }, after: { x: 2 } },
      d: { before: null, after: 'new' },
    });
  });
  it('never copies secrets', () => {
    expect(diff({ passwordHash: 'old' }, { passwordHash: 'new' })).toEqual({
      passwordHash: { before: '***', after: '***' },
    });
  });
  it('records creations and deletions', () => {
    expect(diff(null, { name: 'x' })).toEqual({ name: { before: null, after: 'x' } });
    expect(diff({ name: 'x' }, undefined)).toEqual({ name: { before: 'x', after: null } });
  });
});
