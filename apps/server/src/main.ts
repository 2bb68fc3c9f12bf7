/**
 * `pnpm start`: settings → database → migrations → admin from env → mail → outbox worker → HTTP.
 * SIGTERM/SIGINT stop taking requests, let the ones in flight finish, stop the worker (it finishes
 * the message it is sending), close the database and exit 0.
 */

import { createDb, describeDatabaseUrl, migrateToLatest } from '@rolegate/db';
import { configureMail } from '@rolegate/mail';
import { ensureAdminFromConfig } from './accounts/admin-from-config.js';
import { ConfigError, loadConfig, loadDotEnvIfPresent } from './env.js';
import { startHousekeeping } from './housekeeping.js';
import { watchEventLoopDelay } from './http/event-loop-delay.js';
import { createLogger } from './http/logger.js';
import { buildServer } from './http/server.js';
import {
  levelRequestsReachNobody,
  NOBODY_HEARS_OF_REQUESTS,
} from './notifications/level-request-audience.js';
import { startWorkerIfEnabled } from './worker-hook.js';

async function main(): Promise<void> {
  const envFile = loadDotEnvIfPresent();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Rolegate cannot start.\n${error.message}`);
    process.exit(1);
  }
  const logger = createLogger(config);
  if (envFile !== null) logger.info({ envFile }, 'loaded settings from .env');
  for (const warning of config.mail.warnings ?? []) logger.warn(warning);

  const database = describeDatabaseUrl(config.databaseUrl);
  logger.info(database, 'opening the database');
  const db = await createDb(config.databaseUrl, {
    onIdleConnectionError: (error) =>
      logger.warn({ err: error }, 'idle database connection failed'),
  });
  const migrations = await migrateToLatest(db);
  if (migrations.length > 0) {
    logger.info({ migrations: migrations.map((m) => m.migrationName) }, 'migrations applied');
  }
  await ensureAdminFromConfig(db, config, logger);
  if (await levelRequestsReachNobody(db, config)) logger.warn(NOBODY_HEARS_OF_REQUESTS);
  configureMail(config.mail);
  const worker = await startWorkerIfEnabled({ db, config, logger });
  const housekeeping = startHousekeeping(db, logger, {
    outboxRetentionDays: config.outboxRetentionDays,
  });

  const server = await buildServer(config, { db, logger });
  await server.listen({ port: config.port, host: '0.0.0.0' });
  logger.info({ url: config.appUrl }, 'Rolegate is ready');
  const eventLoopDelay = watchEventLoopDelay();

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await server.close();
      logger.info({ eventLoopDelayMs: eventLoopDelay.stop() }, 'event-loop delay while serving');
      housekeeping.stop();
      await worker?.stop();
      await db.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('Rolegate failed to start:', error);
  process.exit(1);
});
