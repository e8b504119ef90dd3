// Event-stream clients in their own process: opens N streams, says "ready", then records when each
// client receives each `order.transitioned` event. On stdin it gets the order ids to expect; it
// answers with delivery latencies (receipt − the event's commit-side timestamp) and misses.
import http from 'node:http';
import readline from 'node:readline';

const { base, token, clients, orderIds } = JSON.parse(process.argv[2]!) as {
  base: string;
  token: string;
  clients: number;
  /** Only the transitions of these orders are timed (others, e.g. timers firing, are ignored). */
  orderIds: string[];
};
const watched = new Set(orderIds);
const received: Map<string, number>[] = [];
const latencies: number[] = [];
let connected = 0;

function open(i: number) {
  const seen = new Map<string, number>();
  received[i] = seen;
  const req = http.get(
    `${base}/api/events/stream`,
    { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false },
    (res) => {
      if (res.statusCode !== 200) {
        console.error(`stream ${i}: ${res.statusCode}`);
        return;
      }
      connected++;
      if (connected === clients) process.stdout.write('ready\n');
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        const now = Date.now();
        buf += chunk;
        let end = buf.indexOf('\n\n');
        while (end !== -1) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          end = buf.indexOf('\n\n');
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const e = JSON.parse(data.slice(6)) as { type: string; orderId: string; at: string };
          if (e.type !== 'order.transitioned' || !watched.has(e.orderId) || seen.has(e.orderId)) continue;
          seen.set(e.orderId, now);
          latencies.push(now - Date.parse(e.at));
        }
      });
    },
  );
  req.on('error', (err) => console.error(`stream ${i}: ${err.message}`));
}

for (let i = 0; i < clients; i++) open(i);

const rl = readline.createInterface({ input: process.stdin });
rl.once('line', async (line) => {
  const expected = JSON.parse(line) as string[];
  const deadline = Date.now() + 15_000;
  const missing = () => received.reduce((n, seen) => n + expected.filter((id) => !seen.has(id)).length, 0);
  while (missing() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  process.stdout.write(
    `${JSON.stringify({ connected, deliveries: latencies.length, missed: missing(), p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0 })}\n`,
  );
  process.exit(0);
});
