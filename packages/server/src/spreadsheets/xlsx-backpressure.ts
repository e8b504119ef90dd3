import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';

type EntryInput = NodeJS.EventEmitter & { _writableState: { length: number; needDrain: boolean } };

/**
 * exceljs' streaming writer pushes every committed row into the zip entry's input without waiting,
 * so a fast row source outruns compression and the whole sheet piles up in memory (measured: about
 * 360 MB per million rows). That input is a PassThrough the worksheet's buffer pipes into — an
 * internal of exceljs 4.4 (pinned in package.json; a test checks it is still found).
 */
export function zipEntryInput(worksheet: unknown): EntryInput | null {
  const entry = (worksheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    | EntryInput
    | undefined;
  return entry?._writableState ? entry : null;
}

/**
 * Waits until the zip has taken in what was written. Backpressure from `out` reaches the entry input
 * through the zip, so this also waits for a slow client. Without the internal, falls back to `out`.
 */
export async function waitForZip(worksheet: unknown, out: NodeJS.WritableStream): Promise<void> {
  const entry = zipEntryInput(worksheet);
  if (entry) {
    if (entry._writableState.needDrain && entry._writableState.length > 0) await once(entry, 'drain');
    return;
  }
  if ((out as { writableNeedDrain?: boolean }).writableNeedDrain) await once(out, 'drain');
  else await nextTurn();
}
