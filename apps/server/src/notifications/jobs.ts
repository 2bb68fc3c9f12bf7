/**
 * The level-request jobs that run beside the outbox worker (in the server with MAIL_WORKER=true,
 * else in `rolegate worker`): reminders of requests nobody decided, the admins' daily digests, and
 * the end of time-limited levels (levels/expiry.ts). They only queue mail (and return a level whose
 * time is up); the outbox worker delivers it. Any number of processes may run them: each
 * reminder and each digest is claimed once (see their modules).
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import { runLevelExpiries } from '../levels/expiry.js';
import { type DigestConfig, queueDueDigests } from './level-request-digest.js';
import { queueDueReminders, type ReminderConfig } from './level-request-reminders.js';

export type RequestJobsConfig = ReminderConfig & DigestConfig;

/** Often enough that a digest goes out within a minute of its hour. */
const DEFAULT_INTERVAL_MS = 60_000;

export async function runRequestJobs(db: Executor, config: RequestJobsConfig, now: Date) {
  return {
    reminders: await queueDueReminders(db, config, now),
    digests: await queueDueDigests(db, config, now),
    levels: await runLevelExpiries(db, config, now),
  };
}

export interface RequestJobs {
  /** Waits for a run in progress, then stops. */
  stop(): Promise<void>;
}

export function startRequestJobs(options: {
  db: Executor;
  config: RequestJobsConfig;
  logger: Logger;
  /** The clock; tests pass their own. */
  now?: () => Date;
  intervalMs?: number;
}): RequestJobs {
  const { db, config, logger } = options;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runRequestJobs(db, config, now()).then(
      (queued) => {
        if (queued.reminders > 0 || queued.digests > 0)
          logger.info(queued, 'level request mail queued');
        if (queued.levels.warned > 0 || queued.levels.ended > 0)
          logger.info(queued.levels, 'time-limited levels: warned of the end, or ended');
      },
      (error: unknown) => logger.warn({ err: error }, 'level request reminders/digest failed'),
    );
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  // Never keeps the process alive on its own.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
