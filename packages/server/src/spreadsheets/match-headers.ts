import type { Locale } from '@orderloop/contract';
import { sheetMessages } from './messages.ts';
import type { CellError, ColumnSpec } from './validate-rows.ts';

export type BoundColumn = { spec: ColumnSpec; header: string };

/**
 * Full-width letters (common in CJK input) fold to ASCII, case and all whitespace (including the
 * line breaks people put in header cells) are ignored, as is a "*" that templates put on required columns.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '');
}

/**
 * Binds the file's headers to the column specs. Sheet-level problems are reported once, on row 1:
 * a missing required column and a second column for the same spec as errors, unknown columns as
 * warnings (they are ignored, but the user may have misspelled one).
 */
export function matchHeaders(
  headers: string[],
  columns: ColumnSpec[],
  locale: Locale,
): { bound: BoundColumn[]; errors: CellError[]; warnings: CellError[] } {
  const t = sheetMessages(locale);
  const byAlias = new Map<string, ColumnSpec>();
  for (const spec of columns) {
    for (const alias of spec.headers) byAlias.set(normalizeHeader(alias), spec);
  }
  const bound = new Map<string, BoundColumn>();
  const errors: CellError[] = [];
  const warnings: CellError[] = [];
  const unknownSeen = new Set<string>();
  for (const header of headers) {
    const norm = normalizeHeader(header);
    if (norm === '') continue;
    const spec = byAlias.get(norm);
    if (!spec) {
      if (!unknownSeen.has(norm))
        warnings.push({ row: 1, column: header, value: header, message: t.unknownColumn });
      unknownSeen.add(norm);
      continue;
    }
    const first = bound.get(spec.key);
    if (first) {
      errors.push({
        row: 1,
        column: header,
        value: header,
        message: t.duplicateColumn(header, first.header),
      });
      continue;
    }
    bound.set(spec.key, { spec, header });
  }
  for (const spec of columns) {
    if (spec.required && !bound.has(spec.key)) {
      const accepted = spec.headers.length > 0 ? spec.headers : [spec.key];
      errors.push({ row: 1, column: spec.key, value: '', message: t.missingColumn(t.list(accepted)) });
    }
  }
  return { bound: [...bound.values()], errors, warnings };
}
