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
  const email = config.adminEmail;
  const result = await ensureAdmin(db, {
    email,
    password: config.adminPassword,
    source: 'ROLEGATE_ADMIN_EMAIL',
  });
  const fix = `if the account is yours, run \`pnpm rolegate create-admin --email ${email} --reset-password\` (it sets a new password and signs the account out everywhere)`;
  switch (result.outcome) {
    case 'created':
      logger.info({ email }, 'admin account created from ROLEGATE_ADMIN_EMAIL');
      return;
    case 'promoted':
      logger.info(
        { email },
        'existing account made admin from ROLEGATE_ADMIN_EMAIL (its password matched)',
      );
      return;
    case 'already-admin':
      if (!result.passwordMatches) {
        logger.warn(
          { email },
          `ROLEGATE_ADMIN_PASSWORD differs from the password of the existing admin and was NOT applied; to change it run \`pnpm rolegate create-admin --email ${email} --reset-password\``,
        );
      }
      return;
    case 'refused':
      logger.error(
        { email, reason: result.reason },
        result.reason === 'address-unverified'
          ? `ROLEGATE_ADMIN_EMAIL names an account whose address was never verified: it was NOT made admin (anyone can sign up with any address); ${fix}`
          : `ROLEGATE_ADMIN_EMAIL names an existing account and ROLEGATE_ADMIN_PASSWORD is not its password: it was NOT made admin (anyone can sign up with any address); ${fix}`,
      );
      return;
  }
}
