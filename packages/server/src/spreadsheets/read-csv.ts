import { CsvError, parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.ts';
import { createTableBuilder, type Table } from './table.ts';
import { TableReadError } from './table-read-error.ts';

const DELIMITERS = [',', ';', '\t'] as const;

export function readCsv(buf: Buffer, maxRows: number | undefined): Table {
  const text = decodeText(buf);
  const builder = createTableBuilder(maxRows);
  let rowNumber = 0;
  try {
    parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // A stray quote inside an unquoted field (5" screen) is data, not a syntax error.
      relax_quotes: true,
      // Records are handed over one by one and never accumulated, so a too-large file stops early.
      on_record: (record: string[]) => {
        rowNumber++;
        builder.add(rowNumber, record.map(cleanCell));
        return null;
      },
    });
  } catch (err) {
    if (err instanceof CsvError) throw new TableReadError(err.message, err);
    throw err;
  }
  return builder.build();
}

// Undo writeCsv's formula guard ('=…), so an exported file can be edited and imported back unchanged.
function cleanCell(raw: string): string {
  const v = raw.trim();
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/** Picks the delimiter used most in the header line (outside quotes); Excel in much of Europe writes ';'. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch))
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}
