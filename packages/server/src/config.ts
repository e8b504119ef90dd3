import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting, its default and its meaning; the README's configuration table mirrors this. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  ATTACHMENT_DIR: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  COOKIE_SECURE: bool.optional(),
  DEV_LOGIN: bool.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_IP_LIMIT: z.coerce.number().int().min(1).default(50),
  LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: bool.default(false),
  EXPORT_DIRECT_MAX: z.coerce.number().int().min(1).default(50_000),
  WORKER_IN_PROCESS: bool.default(true),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Orderloop <no-reply@orderloop.local>'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  WEBHOOK_ALLOW_PRIVATE: bool.optional(),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().min(0.05).max(300).default(15),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolSize: number;
  logLevel: string;
  bodyLimit: number;
  /** Uploaded files: where the local store keeps them, and the size limit of one file. */
  attachments: { dir: string; maxBytes: number };
  sessionIdleMs: number;
  sessionMaxMs: number;
  cookieSecure: boolean;
  devLogin: boolean;
  login: {
    maxFailures: number;
    lockMinutes: number;
    ipLimit: number;
    accountLimit: number;
    windowMinutes: number;
  };
  trustProxy: boolean;
  /** The largest order export answered directly; a larger one must run as a background job. */
  exportDirectMaxRows: number;
  /** Runs the timer and outbox loops inside the API process; off when `orderloop worker` runs them. */
  workerInProcess: boolean;
  notify: {
    smtpUrl: string | undefined;
    smtpFrom: string;
    webhookTimeoutMs: number;
    /** Lets webhooks reach loopback and private addresses; off in production (SSRF). */
    webhookAllowPrivate: boolean;
    maxAttempts: number;
  };
  liveHeartbeatMs: number;
  /** Checks every response against its contract schema; on outside production so drift fails tests. */
  validateResponses: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    dbPoolSize: e.DB_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT_BYTES,
    attachments: {
      dir: path.resolve(e.ATTACHMENT_DIR ?? path.join(e.DATA_DIR, 'attachments')),
      maxBytes: e.ATTACHMENT_MAX_BYTES,
    },
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.SESSION_MAX_DAYS * 86_400_000,
    cookieSecure: e.COOKIE_SECURE ?? production,
    devLogin: e.DEV_LOGIN ?? !production,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ipLimit: e.LOGIN_IP_LIMIT,
      accountLimit: e.LOGIN_ACCOUNT_LIMIT,
      windowMinutes: 15,
    },
    trustProxy: e.TRUST_PROXY,
    exportDirectMaxRows: e.EXPORT_DIRECT_MAX,
    workerInProcess: e.WORKER_IN_PROCESS,
    notify: {
      smtpUrl: e.SMTP_URL,
      smtpFrom: e.SMTP_FROM,
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE ?? !production,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    },
    liveHeartbeatMs: e.LIVE_HEARTBEAT_SECONDS * 1000,
    validateResponses: !production,
    ...overrides,
  };
}
