import { Writable } from 'node:stream';

/** Test support: a Writable that keeps everything written, for round trips. */
export function bufferSink(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/**
 * Test and measurement support: counts bytes and drops them, like /dev/null. `delayEvery` makes it
 * slow (one timer tick every N chunks) to prove writers wait for it instead of buffering.
 */
export function countingSink(opts: { highWaterMark?: number; delayEvery?: number } = {}) {
  let bytes = 0;
  let chunks = 0;
  const out = new Writable({
    highWaterMark: opts.highWaterMark ?? 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      chunks++;
      if (opts.delayEvery && chunks % opts.delayEvery === 0) setTimeout(done, 1);
      else done();
    },
  });
  return { out, bytes: () => bytes };
}

/** Test support: waits until `read()` stops changing (a writer blocked on backpressure), up to 3 s. */
export async function settled(read: () => number): Promise<number> {
  let last = -1;
  for (let stable = 0, waited = 0; stable < 3 && waited < 3000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}
