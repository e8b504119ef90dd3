import { Command } from 'commander';
import { pino } from 'pino';
import { VERSION } from './app.ts';
import { backup, restore } from './cli/backup.ts';
import { doctor } from './cli/doctor.ts';
import { loadConfig } from './config.ts';
import { systemClock } from './lib/clock.ts';
import { rebuildReports } from './reports/refresh.ts';
import { openDatabase, startBackground, startServer } from './runtime.ts';
import { demoLogins, seedDemo } from './seed/demo.ts';
import { seedDemoComplaints } from './seed/demo-complaints.ts';
import { DEMO_PASSWORD } from './seed/demo-data.ts';
import { seedDemoOrders } from './seed/demo-orders.ts';
import { seedOrders } from './seed/orders.ts';

const program = new Command('orderloop').version(VERSION).description('Orderloop server');

function printWelcome(
  config: ReturnType<typeof loadConfig>,
  hasConsole: boolean,
  demo: boolean,
  hasMiniapp = false,
) {
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `  Orderloop is running on ${config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`}`,
    '',
    `  Console        ${url}/${hasConsole ? '' : '   (not built yet)'}`,
    `  Mini-program   ${url}/m/${hasMiniapp ? '' : '   (H5 not built yet)'}`,
    `  API docs       ${url}/api/docs`,
    `  OpenAPI        ${url}/api/openapi.json`,
    `  Health         ${url}/healthz  ·  ${url}/readyz`,
  ];
  if (demo) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD})`);
    for (const l of demoLogins())
      lines.push(`    ${l.username.padEnd(16)} ${l.role.padEnd(17)} ${l.business} store ${l.store}`);
    lines.push(
      '',
      '  H5 customer login (dev): POST /api/customer-auth/dev/code {"business":"demo-restaurant","phone":"13800000001"}',
    );
  }
  console.log(lines.join('\n'), '\n');
}

program
  .command('start')
  .description('Migrate and start the API (and the console build, when present)')
  .option('--demo', 'load the demo businesses first if they are missing')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig();
    const { hasConsole, hasMiniapp, app, database } = await startServer(config, async (database) => {
      if (opts.demo) await seedDemo(database.db, (m) => console.log(m));
    });
    if (opts.demo) {
      await seedDemoOrders({ db: database.db, clock: systemClock, config, log: app.log }, (m) =>
        console.log(m),
      );
      await seedDemoComplaints({ db: database.db, clock: systemClock, config, log: app.log }, (m) =>
        console.log(m),
      );
      await rebuildReports({ db: database.db, clock: systemClock });
    }
    printWelcome(config, hasConsole, !!opts.demo, hasMiniapp);
  });

program
  .command('worker')
  .description('Run timers and outbox delivery only, no HTTP (start the API with WORKER_IN_PROCESS=false)')
  .action(async () => {
    const config = loadConfig();
    const log = pino({ level: config.logLevel });
    const database = await openDatabase(config, (m) => log.info(m));
    const background = await startBackground({ db: database.db, clock: systemClock, config, log }, database);
    log.info('worker running: timers and outbox delivery');
    const stop = async () => {
      await background.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const database = await openDatabase(loadConfig(), (m) => console.log(m));
    console.log('migrations are current');
    await database.close();
  });

program
  .command('seed')
  .description('Load the demo businesses (restaurant and B2B manufacturer) with users for every role')
  .option('--orders <count>', 'also generate this many realistic orders (for benchmarks)', (v) =>
    Number.parseInt(v, 10),
  )
  .action(async (opts: { orders?: number }) => {
    const database = await openDatabase(loadConfig(), (m) => console.log(m));
    await seedDemo(database.db, (m) => console.log(m));
    if (opts.orders) {
      const started = Date.now();
      const total = await seedOrders(database.db, opts.orders, (m) => console.log(m));
      console.log(
        `${opts.orders} orders generated in ${((Date.now() - started) / 1000).toFixed(1)} s (${total} in all)`,
      );
    }
    // generated orders bypass events: the report rollups are recomputed from scratch
    const rebuilt = await rebuildReports({ db: database.db, clock: systemClock });
    console.log(`report rollups rebuilt in ${(rebuilt.ms / 1000).toFixed(1)} s (${rebuilt.orders} orders)`);
    await database.close();
    console.log(`demo password for every user: ${DEMO_PASSWORD}`);
  });

program
  .command('reports:rebuild')
  .description(
    'Recompute the report rollups from the orders (after importing orders straight into the database)',
  )
  .action(async () => {
    const database = await openDatabase(loadConfig(), (m) => console.log(m));
    const r = await rebuildReports({ db: database.db, clock: systemClock });
    console.log(`report rollups rebuilt in ${(r.ms / 1000).toFixed(1)} s (${r.orders} orders)`);
    await database.close();
  });

program
  .command('doctor')
  .description('Check configuration and connectivity')
  .action(async () => {
    process.exitCode = await doctor();
  });

program
  .command('backup <file>')
  .description('Write the whole database to one file (pg_dump custom format, or the PGlite data folder)')
  .action(async (file: string) => {
    console.log(await backup(loadConfig(), file));
  });

program
  .command('restore <file>')
  .description(
    'Load a backup into an empty database (stop the server first); --force replaces a non-empty one',
  )
  .option('--force', 'replace the data already there (PGlite keeps the old folder aside)')
  .action(async (file: string, opts: { force?: boolean }) => {
    console.log(await restore(loadConfig(), file, !!opts.force));
  });

program.parseAsync().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
