import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { csvCell } from './csv-cell.ts';

export type RowSource = AsyncIterable<unknown[]> | Iterable<unknown[]>;

/**
 * Streams a CSV that Excel opens correctly in any locale: UTF-8 with a BOM (without it Chinese
 * Excel assumes GBK), CRLF line ends, quoting where needed, formula-like text defused.
 * Pulls rows only as fast as `out` drains, so memory stays flat however many rows come; ends `out`.
 */
export async function writeCsv(
  out: NodeJS.WritableStream,
  headers: string[],
  rows: RowSource,
): Promise<void> {
  const stringifier = stringify({
    bom: true,
    record_delimiter: '\r\n',
    // Otherwise a lone \n inside a field goes out unquoted once the delimiter is CRLF, and Excel splits the row.
    quote_record_delimiter: true,
  });
  await pipeline(Readable.from(records(headers, rows)), stringifier, out);
}

async function* records(headers: string[], rows: RowSource): AsyncGenerator<string[]> {
  yield headers.map(csvCell);
  for await (const row of rows) yield row.map(csvCell);
}
