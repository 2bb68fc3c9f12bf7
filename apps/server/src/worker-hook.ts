/**
 * Starts the outbox worker inside the server process when MAIL_WORKER=true (the default); with
 * false, mail waits for a separate `rolegate worker`.
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import type { AppConfig } from './env.js';
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
  return startOutboxWorker({
    ...deps,
    logger: deps.logger.child({ component: 'outbox-worker' }),
    retryPolicy: { baseDelayMs: deps.config.mailRetryBaseMs },
  });
}
