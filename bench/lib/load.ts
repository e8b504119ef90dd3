import { spawn } from 'node:child_process';

export type LoadJob =
  | {
      kind: 'orders';
      base: string;
      token: string;
      storeId: string;
      skuIds: string[];
      /** Every order takes one of this SKU (and two random ones). */
      hotSkuId?: string;
      connections: number;
      seconds?: number;
      amount?: number;
    }
  | {
      kind: 'gets';
      base: string;
      token: string;
      targets: { label: string; path: string }[];
      connections: number;
      amount: number;
    };

export type LoadResult = {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  errors: number;
};

/** Runs a worker script in a child process with one JSON job; resolves with its JSON answer. */
export function runWorker<T>(script: string, job: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** autocannon in its own process. */
export const load = (job: LoadJob) => runWorker<LoadResult[]>('bench/lib/load-worker.ts', job);
