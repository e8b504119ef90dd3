// `npm run bench`: prepares its data, runs every scenario (twice unless BENCH_RUNS says otherwise),
// prints each figure next to its goal, and writes bench/results.json. Prints figures; asserts only
// what must hold under load (e.g. exactly 100 of 1,000 orders on 100 units succeed).
//
//   npm run bench                      the full bench (1,000,000 orders, generated once and reused)
//   npm run bench -- --quick           small sizes and short runs, for development
//   npm run bench -- --only=order,exports  some scenarios (matched by the start of their names)
//   npm run bench -- --no-build-miniapp  report the mini-program sizes only if packages/miniapp/dist is built
//   BENCH_DATABASE_URL                 PostgreSQL to use (default postgres://postgres@127.0.0.1:5432/ol_bench)
import pg from 'pg';
import { benchDbUrl, ensureDatabase } from './lib/db.ts';
import { machine, printTable, type Row, writeResults } from './lib/report.ts';
import type { BenchEnv, Scenario } from './lib/types.ts';
import { embedded } from './scenarios/embedded.ts';
import { exportsScenario } from './scenarios/exports.ts';
import { hotProduct } from './scenarios/hot-product.ts';
import { live } from './scenarios/live.ts';
import { miniappSize } from './scenarios/miniapp-size.ts';
import { orderList } from './scenarios/order-list.ts';
import { submission } from './scenarios/submission.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = Number(process.env.BENCH_RUNS ?? 2);
const scenarios: Scenario[] = [
  submission,
  hotProduct,
  embedded,
  orderList,
  exportsScenario,
  live,
  miniappSize,
];
const chosen = only ? scenarios.filter((s) => only.some((o) => s.name.startsWith(o))) : scenarios;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const env: BenchEnv = {
  quick,
  dbUrl: benchDbUrl(),
  seen: new Map(),
  log: (m) => console.log(`[${elapsed()}] ${m}`),
};

await ensureDatabase(env.dbUrl);
const client = new pg.Client({ connectionString: env.dbUrl });
await client.connect();
const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
await client.end();
const info = { ...machine(`PostgreSQL ${version}`), runs, quick, startedAt: new Date().toISOString() };
console.log(
  `orderloop bench${quick ? ' (--quick)' : ''}: ${info.cpus} cores (${info.cpuModel}), ${info.memoryGB} GB, ` +
    `node ${info.node}, ${info.database} at ${env.dbUrl.replace(/\/\/[^@]*@/, '//')}, commit ${info.commit}, ` +
    `${runs} runs per scenario`,
);

const rows: Row[] = [];
for (const s of chosen) {
  try {
    if (s.prepare) {
      env.log(`${s.name}: preparing`);
      await s.prepare(env);
    }
    for (let run = 1; run <= runs; run++) {
      env.log(`${s.name}: run ${run} of ${runs}`);
      for (const figure of await s.run(env, run)) rows.push({ scenario: s.name, figure, run });
    }
  } catch (err) {
    env.log(`${s.name}: FAILED ${(err as Error).stack ?? err}`);
    rows.push({
      scenario: s.name,
      run: 1,
      figure: { name: 'error', value: null, unit: '', note: (err as Error).message },
    });
  }
}

console.log(
  `\norderloop bench: ${info.cpus} cores, ${info.memoryGB} GB, ${info.database}, ${runs} runs, ${elapsed().trim()} in all\n`,
);
printTable(rows, runs);
for (const r of rows) if (r.figure.note) console.log(`  ${r.scenario} / ${r.figure.name}: ${r.figure.note}`);
writeResults('bench/results.json', { ...info, seconds: (performance.now() - started) / 1000 }, rows);
console.log('\nwritten: bench/results.json');
