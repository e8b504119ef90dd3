import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApiClient, createClient, routes } from '@orderloop/contract';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { connectDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { testClock } from '../src/lib/clock.ts';
import { seedDemo } from '../src/seed/demo.ts';

export type TestServer = {
  url: string;
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof testClock>;
  config: Config;
  /** A client with no credentials. */
  anon: ApiClient;
  /** Signs in with a bearer token and returns a client carrying it. */
  loginToken: (username: string, password: string) => Promise<ApiClient & { token: string }>;
  /** Signs in the console way (cookies + CSRF) and returns a client carrying both. */
  loginCookie: (username: string, password: string) => Promise<CookieClient>;
  close: () => Promise<void>;
};
export type CookieClient = ApiClient & { cookies: Map<string, string>; csrf: string; withoutCsrf: ApiClient };

/**
 * A fresh database for one test file: in-memory PGlite, or with TEST_DATABASE_URL a new database on
 * that PostgreSQL server, dropped afterwards.
 */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await connectDatabase({ memory: true });
    return { database, drop: async () => {} };
  }
  const name = `ol_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ url: url.toString() }, 10);
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestServer(
  opts: { demo?: boolean; config?: Partial<Config>; env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const { database, drop } = await freshDatabase();
  await migrate(database);
  if (opts.demo) await seedDemo(database.db);
  // files the server writes (export jobs) go to a folder of this server's own, removed on close
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-test-'));
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...opts.env },
    { dataDir, ...opts.config },
  );
  const clock = testClock();
  const app = await buildApp({ config, database, clock });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const anon = createClient({ baseUrl: url });

  const loginToken = async (username: string, password: string) => {
    const { token } = await anon.call(routes.login, { body: { username, password, mode: 'token' } });
    return Object.assign(createClient({ baseUrl: url, token: () => token }), { token: token! });
  };

  const loginCookie = async (username: string, password: string): Promise<CookieClient> => {
    const cookies = new Map<string, string>();
    const onResponse = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
    };
    const headers = () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    const bare = createClient({ baseUrl: url, headers, onResponse });
    const r = await bare.call(routes.login, { body: { username, password, mode: 'cookie' } });
    const csrf = r.csrfToken!;
    return Object.assign(createClient({ baseUrl: url, headers, onResponse, csrfToken: () => csrf }), {
      cookies,
      csrf,
      withoutCsrf: bare,
    });
  };

  return {
    url,
    app,
    database,
    clock,
    config,
    anon,
    loginToken,
    loginCookie,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
