import type { Locale } from '@orderloop/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../access/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../lib/clock.ts';

/** What every service receives: its dependencies and who is asking. */
export type Deps = { db: Db; clock: Clock; config: Config; log: FastifyBaseLogger };

export type Ctx = Deps & {
  actor: Actor | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
  locale: Locale;
  /** Set by audit.record(); a state-changing route that never sets it fails outside production. */
  audited: boolean;
};
