/**
 * Rejects when `out` errors or closes before it finished (a client that went away mid-download).
 * exceljs keeps writing into a dead stream and never settles, so writers race their waits with this.
 * Already marked handled: it may reject after the writer is done and nobody is listening.
 */
export function outputFailure(out: NodeJS.WritableStream): Promise<never> {
  const failure = new Promise<never>((_, reject) => {
    out.once('error', reject);
    out.once('close', () => {
      if (!(out as { writableFinished?: boolean }).writableFinished) {
        reject(new Error('The output closed before the file was complete'));
      }
    });
  });
  failure.catch(() => {});
  return failure;
}
