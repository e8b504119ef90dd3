export type SseEvent = { id: string | null; type: string; data: Record<string, unknown> };

/**
 * A minimal EventSource for tests: opens the stream with a bearer token (and Last-Event-ID if
 * given), parses events and comments as they arrive, and can wait for one.
 */
export async function openSse(url: string, token: string, headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
    signal: ac.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let ended = false;
  const pump = async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let cut = buf.indexOf('\n\n');
        while (cut >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          cut = buf.indexOf('\n\n');
          const e: { id: string | null; type: string; data: string } = {
            id: null,
            type: 'message',
            data: '',
          };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.type = line.slice(7);
            else if (line.startsWith('data: ')) e.data += line.slice(6);
          }
          if (e.data) events.push({ ...e, data: JSON.parse(e.data) });
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  };
  if (res.ok) void pump();
  const until = async (check: () => boolean, what: string, ms = 5000) => {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    res,
    events,
    comments,
    ended: () => ended,
    /** Waits for an event matching `pred` and returns it. */
    waitFor: async (pred: (e: SseEvent) => boolean, what = 'an event') => {
      await until(() => events.some(pred), what);
      return events.find(pred)!;
    },
    until,
    close: () => ac.abort(),
  };
}
