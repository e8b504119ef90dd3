import type { LoadResult } from './load.ts';
import { runWorker } from './load.ts';

export type CeilingJob = {
  dbUrl: string;
  templateOrderId: string;
  storeId: string;
  skuIds: string[];
  connections: number;
  seconds: number;
};

/** The raw-SQL ceiling in its own process. */
export const ceiling = (job: CeilingJob) => runWorker<LoadResult>('bench/lib/ceiling-worker.ts', job);
