import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../routes/index.ts';
import { patchOf } from './common.ts';

describe('patchOf', () => {
  const create = z.object({
    name: z.string(),
    sort: z.number().default(0),
    tags: z.array(z.string()).default([]),
  });
  it('leaves out what the caller left out, defaults included', () => {
    expect(patchOf(create).parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(patchOf(create).parse({})).toEqual({});
  });
  it('refuses unknown fields', () => {
    expect(patchOf(create).safeParse({ other: 1 }).success).toBe(false);
  });
  it('no PATCH route of the contract fills a default into an empty body', () => {
    for (const r of Object.values(routes))
      if (r.method === 'PATCH' && r.body) {
        // an edit of an order must name the version it saw, an incident its new status; nothing
        // else is required
        const candidates = [{}, { expectedVersion: 1 }, { status: 'resolved' }];
        const minimal = candidates.find((c) => r.body?.safeParse(c).success);
        expect(minimal, `${r.path}: add its smallest valid body here`).toBeDefined();
        expect(r.body.parse(minimal), r.path).toEqual(minimal);
      }
  });
});
