import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import type { AppConfig } from '../env.js';
import { ensureAdmin } from './admin-bootstrap.js';

/** ROLEGATE_ADMIN_EMAIL/_PASSWORD at start; see admin-bootstrap.ts for what is (not) changed. */
export async function ensureAdminFromConfig(
  db: Executor,
  config: Pick<AppConfig, 'adminEmail' | 'adminPassword'>,
  logger: Logger,
): Promise<void> {
  if (config.adminEmail === null || config.adminPassword === null) return;
  const result = await ensureAdmin(db, {
    email: config.adminEmail,
    password: config.adminPassword,
  });
  const email = config.adminEmail;
  if (result.outcome === 'created')
    logger.info({ email }, 'admin account created from ROLEGATE_ADMIN_EMAIL');
  if (result.outcome === 'promoted')
    logger.info({ email }, 'existing account made admin from ROLEGATE_ADMIN_EMAIL');
  if (!result.passwordMatches) {
    logger.warn(
      { email },
      'ROLEGATE_ADMIN_PASSWORD differs from the password of the existing account and was NOT applied; to change it run `rolegate create-admin --email <email> --reset-password`',
    );
  }
}
