import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * `attachment; filename="…"` with an ASCII stand-in for old clients, plus RFC 5987 / RFC 6266
 * `filename*=UTF-8''…` whenever the real name is not plain ASCII (商品目录-20261122.xlsx).
 */
export function contentDisposition(filename: string, asciiFallback?: string): string {
  const ascii = (asciiFallback ?? filename)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/[\r\n]/g, '');
  const header = `attachment; filename="${ascii}"`;
  if (ascii === filename) return header;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${header}; filename*=UTF-8''${encoded}`;
}

export type DownloadOptions = {
  contentType: string;
  filename: string;
  /** Shown by clients that do not read `filename*`; defaults to the name with non-ASCII replaced. */
  asciiFilename?: string;
  /** Writes the whole file into `out` and ends it (writeCsv / writeXlsx do both). */
  write: (out: NodeJS.WritableStream) => Promise<void>;
};

/**
 * Streams a file as the answer of a download route. Anything that can fail before the first byte
 * (access, the first page of rows) should run before this, so it still becomes a problem answer;
 * a failure mid-stream can only abort the response, which the client sees as a broken download.
 */
export function sendDownload(reply: FastifyReply, opts: DownloadOptions): FastifyReply {
  const body = new PassThrough();
  opts.write(body).catch((err: unknown) => {
    // a client that went away is routine; anything else broke the file
    if (reply.raw.destroyed) reply.log.info({ err }, 'download aborted by the client');
    else reply.log.error({ err }, 'download failed mid-stream');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .code(200)
    .type(opts.contentType)
    .header('content-disposition', contentDisposition(opts.filename, opts.asciiFilename))
    .header('cache-control', 'no-store')
    .send(body);
}
