import { csvCell } from './csv-cell.ts';

export type RowSource = AsyncIterable<unknown[]> | Iterable<unknown[]>;

// a field with one of these is quoted; a lone \n too, or Excel splits the row (records end in CRLF)
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
// rows are gathered into chunks of about this many characters before one write: a write per row
// (or a stream stage per row) costs more than formatting the row itself
const CHUNK = 64 * 1024;

const field = (value: unknown) => {
  const text = csvCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
};

/** Waits until `out` takes more, or rejects if it fails or closes first (the client went away). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: unknown) => {
      out.off('drain', ok);
      out.off('error', fail);
      out.off('close', closed);
      if (err) reject(err);
      else resolve();
    };
    const ok = () => done();
    const fail = (err: unknown) => done(err);
    const closed = () => done(new Error('the output closed before the export was written'));
    out.once('drain', ok);
    out.once('error', fail);
    out.once('close', closed);
  });
}

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
  const stream = out as NodeJS.WritableStream & {
    destroyed?: boolean;
    destroy?: () => void;
    writableHighWaterMark?: number;
  };
  // never more in one chunk than the output buffers, so a stalled client stops the rows at once
  const size = Math.min(CHUNK, Math.max(1024, stream.writableHighWaterMark ?? CHUNK));
  let chunk = `\uFEFF${headers.map(field).join(',')}\r\n`;
  const flush = async () => {
    if (stream.destroyed) throw new Error('the output closed before the export was written');
    const more = out.write(chunk);
    chunk = '';
    if (!more) await drained(out);
  };
  try {
    for await (const row of rows) {
      let line = '';
      for (let i = 0; i < row.length; i++) line += i ? `,${field(row[i])}` : field(row[i]);
      chunk += `${line}\r\n`;
      if (chunk.length >= size) await flush();
    }
    if (chunk) await flush();
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
  } catch (err) {
    stream.destroy?.();
    throw err;
  }
}
