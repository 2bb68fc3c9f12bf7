/**
 * The work beside the requests: the outbox worker and the level-request jobs (reminders, digests).
 * The server runs it in its own process when MAIL_WORKER=true (the default); with false, it waits
 * for a separate `rolegate worker`, which runs the same.
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import type { AppConfig } from './env.js';
import { startRequestJobs } from './notifications/jobs.js';
import { type OutboxWorker, startOutboxWorker } from './outbox/worker.js';

interface WorkerDeps {
  db: Executor;
  config: AppConfig;
  logger: Logger;
}

/** Starts both; stop() ends the jobs, then lets the worker finish the message it is sending. */
export function startMailWork(deps: WorkerDeps): OutboxWorker {
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

export async function startWorkerIfEnabled(deps: WorkerDeps): Promise<OutboxWorker | null> {
  if (!deps.config.mailWorker) {
    deps.logger.info('MAIL_WORKER=false: mail is delivered by a separate `rolegate worker`');
    return null;
  }
  return startMailWork(deps);
}
