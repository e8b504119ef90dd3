import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { connectDatabase, queryRows } from '../db/connect.ts';
import { migrationStatus } from '../db/migrate.ts';
import type { WebhookTarget } from '../integrations/checks.ts';
import { integrationChecks } from '../integrations/doctor-checks.ts';
import { consoleDist, dbTarget } from '../runtime.ts';

type Check = { check: string; ok: boolean; detail: string; required: boolean };

/** Checks configuration and connectivity and prints what is ready and what is not. */
export async function doctor(): Promise<number> {
  const checks: Check[] = [];
  const add = (check: string, ok: boolean, detail: string, required = true) =>
    checks.push({ check, ok, detail, required });
  let config: ReturnType<typeof loadConfig> | null = null;
  let webhooks: (WebhookTarget & { enabled: boolean })[] = [];
  try {
    config = loadConfig();
    add('configuration', true, `NODE_ENV=${config.env}, listen ${config.host}:${config.port}`);
  } catch (err) {
    add('configuration', false, (err as Error).message.replace(/\n/g, ' '));
  }
  if (config) {
    const where = config.databaseUrl
      ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')
      : `PGlite in ${config.dataDir}`;
    try {
      const database = await connectDatabase(dbTarget(config), 1);
      const [v] = await queryRows<{ v: string }>(database.db, sql`SELECT version() AS v`);
      add('database', true, `${where} — ${v?.v.split(' ').slice(0, 2).join(' ')}`);
      const m = await migrationStatus(database);
      add(
        'migrations',
        !m.pending.length,
        m.pending.length
          ? `${m.pending.length} pending (run: npm run migrate)`
          : `${m.applied} applied, current`,
      );
      if (!m.pending.length) {
        const [b] = await queryRows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM businesses`,
        );
        add('data', (b?.n ?? 0) > 0, b?.n ? `${b.n} business(es)` : 'empty (run: npm run seed)', false);
        webhooks = await queryRows(
          database.db,
          sql`SELECT url, secret, business_id AS "businessId", enabled FROM webhook_endpoints ORDER BY created_at`,
        );
      }
      await database.close();
    } catch (err) {
      add('database', false, `${where}: ${(err as Error).message}`);
    }
    if (!config.databaseUrl) {
      try {
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.accessSync(config.dataDir, fs.constants.W_OK);
        add('data folder', true, `${config.dataDir} writable`);
      } catch (err) {
        add('data folder', false, (err as Error).message);
      }
    }
    try {
      fs.mkdirSync(config.attachments.dir, { recursive: true });
      fs.accessSync(config.attachments.dir, fs.constants.W_OK);
      const { default: sharp } = await import('sharp');
      add(
        'attachments',
        true,
        `${config.attachments.dir} writable, ≤ ${config.attachments.maxBytes} bytes a file, thumbnails by libvips ${sharp.versions.vips}`,
      );
    } catch (err) {
      add('attachments', false, (err as Error).message);
    }
    add(
      'dev login',
      config.env !== 'production' || !config.devLogin,
      config.devLogin ? 'on (H5 one-time codes via the dev sender)' : 'off',
    );
    add(
      'cookies',
      config.env !== 'production' || config.cookieSecure,
      config.cookieSecure ? 'Secure' : 'not Secure (fine behind plain http in development)',
      config.env === 'production',
    );
  }
  add(
    'console build',
    fs.existsSync(`${consoleDist}/index.html`),
    fs.existsSync(`${consoleDist}/index.html`)
      ? consoleDist
      : 'not built (npm run build -w @orderloop/console)',
    false,
  );
  let chromium = '';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {}
  add('chromium (browser tests)', !!chromium, chromium || 'missing: npm test installs it with apt', false);
  // the same checks as the console's "test connection": a configured integration that fails is a FAIL
  if (config)
    for (const c of await integrationChecks(config, webhooks)) add(c.check, c.ok, c.detail, c.required);

  const w = Math.max(...checks.map((c) => c.check.length));
  console.log(`\n  ${'check'.padEnd(w)}  status  detail`);
  console.log(`  ${'-'.repeat(w)}  ------  ${'-'.repeat(40)}`);
  for (const c of checks) {
    const status = c.ok ? 'ready ' : c.required ? 'FAIL  ' : 'todo  ';
    console.log(`  ${c.check.padEnd(w)}  ${status}  ${c.detail}`);
  }
  const failed = checks.filter((c) => !c.ok && c.required);
  console.log(failed.length ? `\n  ${failed.length} required check(s) failed.\n` : '\n  Ready.\n');
  return failed.length ? 1 : 0;
}
