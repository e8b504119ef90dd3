import type { FieldError } from '@orderloop/contract';

/**
 * Validation problems keyed by their path inside the definition (`transitions.3.effects.1.action`),
 * so each editor piece can pick the ones about itself with `issuesUnder`.
 */
export type Issues = Record<string, string[]>;

const prefix = 'body.definition.';

export function issuesOf(fields: FieldError[]): Issues {
  const out: Issues = {};
  for (const f of fields) {
    if (!f.field.startsWith(prefix)) continue;
    const path = f.field.slice(prefix.length);
    out[path] = [...(out[path] ?? []), f.message];
  }
  return out;
}

/** The issues at or below `path`, re-keyed relative to it ('' for the item itself). */
export function issuesUnder(issues: Issues, path: string): Issues {
  const out: Issues = {};
  for (const [k, v] of Object.entries(issues)) {
    if (k === path) out[''] = [...(out[''] ?? []), ...v];
    else if (k.startsWith(`${path}.`)) out[k.slice(path.length + 1)] = v;
  }
  return out;
}

/** Every message of a scoped set, with the sub-path in front when there is one. */
export const allMessages = (issues: Issues) =>
  Object.entries(issues).flatMap(([k, v]) => v.map((m) => (k ? `${k}: ${m}` : m)));

/** Rows (`states.3`, `transitions.0`) with a problem inside their details rather than on the row. */
export function rowsWithDetailIssues(issues: Issues, list: 'states' | 'transitions', detail: string[]) {
  const rows = new Set<number>();
  for (const k of Object.keys(issues)) {
    const m = new RegExp(`^${list}\\.(\\d+)\\.([a-zA-Z]+)`).exec(k);
    if (m && detail.includes(m[2]!)) rows.add(Number(m[1]));
  }
  return rows;
}
