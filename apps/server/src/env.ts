/**
 * The server's settings (docs/api.md, "Settings"; every one in the README), read once at start into a typed object.
 * Nothing else in the server reads process.env: pass an AppConfig around instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Level } from '@rolegate/core';
import { DatabaseUrlError, parseDatabaseUrl } from '@rolegate/db';
import {
  describeProblem,
  hasTransportSettings,
  loadMailSettings,
  type MailSettings,
  MailSettingsError,
  type MailSettingsProblem,
  ProblemList,
  parseBoolean,
  readVariable,
} from '@rolegate/mail';
import {
  type Add,
  type EmailVerification,
  readAdmin,
  readApprovalLevels,
  readAppUrl,
  readChoice,
  readEmailVerification,
  readInteger,
  readTrustProxy,
} from './env-readers.js';
import { cleartextPasswordWarnings } from './mail-cleartext.js';

export type { EmailVerification } from './env-readers.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `auto`: readable lines on a terminal, JSON anywhere else. */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface AppConfig {
  port: number;
  /** Public URL without a trailing slash: links in mail start with it. */
  appUrl: string;
  /** `scheme://host[:port]` of appUrl: what a mutation's Origin header must equal. */
  appOrigin: string;
  /** Raw DATABASE_URL (undefined: embedded PGlite in ./.data/pglite). */
  databaseUrl: string | undefined;
  adminEmail: string | null;
  adminPassword: string | null;
  rateLimits: { signupsPerHour: number; loginsPer15Min: number; accountMailsPerHour: number };
  /** `required`: an account works only once its address is proven by a mailed link. */
  emailVerification: EmailVerification;
  /** Lifetime of a password reset link. */
  passwordResetMinutes: number;
  /** Lifetime of the approve/deny links in the admins' mail. */
  decisionLinkHours: number;
  /** A request still pending this long is mailed again (at most three times); 0: never. */
  requestReminderHours: number;
  /** The hour (UTC) of the daily digest for admins who chose it. */
  digestHourUtc: number;
  /** After a denial, the same level may be asked for again only this much later; 0: at once. */
  levelRequestCooldownHours: number;
  /**
   * The proxies whose X-Forwarded-For is believed (addresses and CIDR ranges), or false: the
   * client is the first address from the right that is not one of them.
   */
  trustProxy: false | string[];
  /** Absolute session lifetime in days, however often the session is used. */
  sessionMaxDays: number;
  /** APPROVAL_REQUIRED_LEVELS: the levels that are requested, not granted (see core's access.ts). */
  approvalRequiredLevels: readonly Level[];
  mailWorker: boolean;
  /** Ceiling of the first retry's delay after a temporary mail failure (doubles per attempt). */
  mailRetryBaseMs: number;
  /** Sent mail is deleted from the outbox after this many days; 0 keeps it. */
  outboxRetentionDays: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  mail: MailSettings;
}

/**
 * Every wrong setting found in one pass, so one restart fixes them all. The problems are the mail
 * package's (one list, one wording for every setting, mail or not).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly MailSettingsProblem[]) {
    super(
      `${problems.length === 1 ? 'A setting is' : `${problems.length} settings are`} wrong:\n${problems
        .map((problem) => `- ${describeProblem(problem)}`)
        .join('\n')}`,
    );
  }
}

type Env = Record<string, string | undefined>;

/** Loads `.env` from the working directory into process.env if the file exists (Node 20.12+). */
export function loadDotEnvIfPresent(cwd = process.cwd()): string | null {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return null;
  // Variables already set in the environment win over the file, as with dotenv.
  process.loadEnvFile(file);
  return file;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems = new ProblemList();
  const read = (name: string) => readVariable(env, name);
  const add: Add = (variable, message, fix) => problems.add(variable, message, fix);

  const port = readInteger(read, add, 'PORT', 3000, 1, 65535);
  const appUrl = readAppUrl(read('APP_URL') ?? `http://localhost:${port}`, add);
  const databaseUrl = read('DATABASE_URL');
  try {
    parseDatabaseUrl(databaseUrl);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    add('DATABASE_URL', error.message, 'use postgres://… or pglite:<dir>, or leave it unset.');
  }
  const { adminEmail, adminPassword } = readAdmin(read, env.ROLEGATE_ADMIN_PASSWORD, add);
  const rateLimits = {
    signupsPerHour: readInteger(read, add, 'RATE_LIMIT_SIGNUPS_PER_HOUR', 20, 0, 1_000_000),
    loginsPer15Min: readInteger(read, add, 'RATE_LIMIT_LOGINS_PER_15_MIN', 10, 0, 1_000_000),
    accountMailsPerHour: readInteger(
      read,
      add,
      'RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR',
      5,
      0,
      1_000_000,
    ),
  };
  const trustProxy = readTrustProxy(read, add);
  const sessionMaxDays = readInteger(read, add, 'SESSION_MAX_DAYS', 90, 1, 36_500);
  const emailVerification = readEmailVerification(read, add);
  const passwordResetMinutes = readInteger(read, add, 'PASSWORD_RESET_MINUTES', 30, 1, 10_080);
  const decisionLinkHours = readInteger(read, add, 'DECISION_LINK_HOURS', 72, 1, 8_760);
  const requestReminderHours = readInteger(read, add, 'REQUEST_REMINDER_HOURS', 24, 0, 8_760);
  const digestHourUtc = readInteger(read, add, 'DIGEST_HOUR_UTC', 8, 0, 23);
  const levelRequestCooldownHours = readInteger(
    read,
    add,
    'LEVEL_REQUEST_COOLDOWN_HOURS',
    24,
    0,
    8_760,
  );
  const approvalRequiredLevels = readApprovalLevels(read('APPROVAL_REQUIRED_LEVELS'), add);
  const mailWorker = parseBoolean(problems, 'MAIL_WORKER', read('MAIL_WORKER'), true);
  const mailRetryBaseMs = readInteger(read, add, 'MAIL_RETRY_BASE_MS', 5_000, 1, 3_600_000);
  const outboxRetentionDays = readInteger(read, add, 'OUTBOX_RETENTION_DAYS', 30, 0, 36_500);
  const logLevel = readChoice(read, add, 'LOG_LEVEL', 'log level', LOG_LEVELS, 'info');
  const logFormat = readChoice(read, add, 'LOG_FORMAT', 'log format', LOG_FORMATS, 'auto');
  let mail: MailSettings | undefined;
  try {
    mail = loadServerMailSettings(env);
  } catch (error) {
    if (!(error instanceof MailSettingsError)) throw error;
    problems.items.push(...error.problems);
  }

  if (problems.items.length > 0 || mail === undefined || appUrl === null) {
    throw new ConfigError(problems.items);
  }
  return {
    port,
    appUrl: appUrl.href,
    appOrigin: appUrl.origin,
    databaseUrl,
    adminEmail,
    adminPassword,
    rateLimits,
    emailVerification,
    passwordResetMinutes,
    decisionLinkHours,
    requestReminderHours,
    digestHourUtc,
    levelRequestCooldownHours,
    trustProxy,
    sessionMaxDays,
    approvalRequiredLevels,
    mailWorker,
    mailRetryBaseMs,
    outboxRetentionDays,
    logLevel,
    logFormat,
    mail,
  };
}

/**
 * Django's default transport is SMTP on localhost:25, which a fresh checkout does not have: every
 * message would fail and the admin panel would open on a red banner. With no transport setting at
 * all, the server prints mail to its console instead and says so at start.
 */
function loadServerMailSettings(env: Env): MailSettings {
  if (hasTransportSettings(env)) {
    const settings = loadMailSettings(env);
    const cleartext = cleartextPasswordWarnings(settings);
    if (cleartext.length === 0) return settings;
    return { ...settings, warnings: [...(settings.warnings ?? []), ...cleartext] };
  }
  const settings = loadMailSettings({ ...env, EMAIL_BACKEND: 'console' });
  const notice =
    'No mail transport is configured, so mail is printed to this console instead of sent: set EMAIL_URL (or EMAIL_HOST and friends, or MAILERS) to deliver it; `pnpm rolegate mail setup` finds the values.';
  return { ...settings, warnings: [...(settings.warnings ?? []), notice] };
}
