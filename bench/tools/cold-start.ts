// Where `orderloop start` spends its cold start on an empty PGlite folder: module loading, the
// database's first open (initdb), migrations, the app's construction. A development aid:
//   node --import tsx bench/tools/cold-start.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const t0 = performance.now();
// CPU time beside wall time: on a shared, busy machine the CPU seconds are what compare
const lap = (() => {
  let last = t0;
  let cpu = process.cpuUsage();
  return (what: string) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    console.log(
      `${what.padEnd(28)} ${((now - last) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`,
    );
    last = now;
    cpu = process.cpuUsage();
  };
})();
const { connectDatabase } = await import('../../packages/server/src/db/connect.ts');
const { migrate } = await import('../../packages/server/src/db/migrate.ts');
lap('import db modules');
const { buildApp } = await import('../../packages/server/src/app.ts');
const { loadConfig } = await import('../../packages/server/src/config.ts');
const { systemClock } = await import('../../packages/server/src/lib/clock.ts');
lap('import app modules');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-cold-'));
const database = await connectDatabase({ dataDir: dir });
lap('PGlite open (empty folder)');
await migrate(database);
lap('migrations');
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', DATA_DIR: dir }),
  database,
  clock: systemClock,
});
await app.ready();
lap('buildApp + ready');
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`total ${((performance.now() - t0) / 1000).toFixed(2)} s`);
