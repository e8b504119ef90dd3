import pg from 'pg';

export type Listener = (payload: string) => void;
export type Unlisten = () => Promise<void>;

/**
 * LISTEN on PostgreSQL through one dedicated connection per process (a pooled connection would be
 * handed to other queries). When the connection drops it reconnects with backoff, listens again and
 * calls every listener with an empty payload: notifications sent meanwhile are lost, so listeners
 * treat '' as "catch up from the table".
 */
export function postgresListener(url: string) {
  const channels = new Map<string, Set<Listener>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 500;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      for (const fn of channels.get(n.channel) ?? []) fn(n.payload ?? '');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    await c.connect();
    for (const ch of channels.keys()) await c.query(`LISTEN ${quote(ch)}`);
    retryMs = 500;
    return c;
  };

  const ensure = () => {
    if (client) return Promise.resolve(client);
    connecting ??= connect()
      .then((c) => {
        client = c;
        return c;
      })
      .finally(() => {
        connecting = null;
      });
    return connecting;
  };

  function lost(c: pg.Client) {
    if (client !== c) return;
    client = null;
    c.end().catch(() => {});
    if (!closed) reconnectSoon();
  }

  function reconnectSoon() {
    const t = setTimeout(() => {
      ensure().then(
        () => {
          for (const set of channels.values()) for (const fn of set) fn('');
        },
        () => {
          retryMs = Math.min(retryMs * 2, 30_000);
          reconnectSoon();
        },
      );
    }, retryMs);
    t.unref();
  }

  return {
    async listen(channel: string, fn: Listener): Promise<Unlisten> {
      const c = await ensure();
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
        await c.query(`LISTEN ${quote(channel)}`);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
        if (set.size || channels.get(channel) !== set) return;
        channels.delete(channel);
        await client?.query(`UNLISTEN ${quote(channel)}`).catch(() => {});
      };
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
