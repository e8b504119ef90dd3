import { describe, expect, it } from 'vitest';
import { actionsFor, mayTake } from './rules.ts';

describe('complaint transition table', () => {
  it('gives staff the handling actions and the customer only close and reopen', () => {
    expect(actionsFor('open', 'staff')).toEqual(['start', 'resolve']);
    expect(actionsFor('in_progress', 'staff')).toEqual(['resolve']);
    expect(actionsFor('resolved', 'staff')).toEqual(['close', 'reopen']);
    expect(actionsFor('closed', 'staff')).toEqual(['reopen']);
    expect(actionsFor('open', 'customer')).toEqual(['close']);
    expect(actionsFor('resolved', 'customer')).toEqual(['close', 'reopen']);
    expect(actionsFor('closed', 'customer')).toEqual([]);
  });

  it('refuses what the table does not list', () => {
    expect(mayTake('start', 'in_progress', 'staff')).toBe(false);
    expect(mayTake('resolve', 'open', 'customer')).toBe(false);
    expect(mayTake('reopen', 'closed', 'customer')).toBe(false);
  });
});
