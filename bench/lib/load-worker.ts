// The load generator, run in its own process so it never shares a core's event loop with the
// server or the runner: reads one job (JSON) from argv, prints one JSON result line.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './load.ts';

const job = JSON.parse(process.argv[2]!) as LoadJob;

function pick<T>(xs: T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < n) out.add(xs[Math.floor(Math.random() * xs.length)]!);
  return [...out];
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

async function cannon(opts: autocannon.Options, label: string): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
  instance!.on('response', (_client, status: number, _bytes, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const r = await done;
  times.sort((a, b) => a - b);
  return {
    label,
    requests: times.length,
    seconds: r.duration,
    perSecond: times.length / r.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? 0,
    statuses,
    errors: r.errors + r.timeouts,
  };
}

const results: LoadResult[] = [];
if (job.kind === 'orders') {
  const body = () =>
    JSON.stringify({
      storeId: job.storeId,
      fulfilment: 'pickup',
      submit: true,
      lines: [...(job.hotSkuId ? [job.hotSkuId] : []), ...pick(job.skuIds, job.hotSkuId ? 2 : 3)].map(
        (skuId) => ({ skuId, quantity: 1 }),
      ),
    });
  results.push(
    await cannon(
      {
        url: `${job.base}/api/orders`,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.seconds ?? 10 }),
        timeout: 60,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${job.token}`,
                'idempotency-key': randomUUID(),
              },
              body: body(),
            }),
          },
        ],
      },
      'orders',
    ),
  );
} else {
  for (const target of job.targets) {
    results.push(
      await cannon(
        {
          url: `${job.base}${target.path}`,
          connections: job.connections,
          amount: job.amount,
          timeout: 60,
          headers: { authorization: `Bearer ${job.token}` },
        },
        target.label,
      ),
    );
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
