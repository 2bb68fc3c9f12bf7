/**
 * Starts the outbox worker and the level-request jobs (reminders, digests) inside the server
 * process when MAIL_WORKER=true (the default); with false, both wait for a separate
 * `rolegate worker`.
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import type { AppConfig } from './env.js';
import { startRequestJobs } from './notifications/jobs.js';
import { type OutboxWorker, startOutboxWorker } from './outbox/worker.js';

export async function startWorkerIfEnabled(deps: {
  db: Executor;
  config: AppConfig;
  logger: Logger;
}): Promise<OutboxWorker | null> {
  if (!deps.config.mailWorker) {
    deps.logger.info('MAIL_WORKER=false: mail is delivered by a separate `rolegate worker`');
    return null;
  }
  const worker = startOutboxWorker({
    ...deps,
    logger: deps.logger.child({ component: 'outbox-worker' }),
    retryPolicy: { baseDelayMs: deps.config.mailRetryBaseMs },
  });
  const jobs = startRequestJobs({
    ...deps,
    logger: deps.logger.child({ component: 'request-jobs' }),
  });
  return {
    wake: worker.wake,
    async stop() {
      await jobs.stop();
      await worker.stop();
    },
  };
}
