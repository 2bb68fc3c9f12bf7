/**
 * The settings a reliability case gives the production processes: the documented names (docs/api.md), nothing the
 * server does not document. Rate limits are off (every client is 127.0.0.1) unless a case sets them.
 */
export interface AppEnvOptions {
  databaseUrl: string;
  /** `smtp://[user:pass@]127.0.0.1:<port>` of the case's SMTP fixture, or any EMAIL_URL. */
  emailUrl: string;
  /** Public origin shared by every server of the case (the Origin a client sends). */
  appUrl: string;
  /** Anything else, e.g. EMAIL_TIMEOUT, MAIL_WORKER, RATE_LIMIT_*; wins over the defaults. */
  extra?: Record<string, string>;
}

export const ADMIN_EMAIL = 'admin@rolegate.test';
export const ADMIN_PASSWORD = 'reliability-admin-pass';
/** Where admin notifications go: a fixed address, so cases count them at the SMTP server. */
export const ADMINS_ADDRESS = 'admins@rolegate.test';

/**
 * A retry base of 200 ms instead of 5 s: the backoff still doubles with full jitter, but a case
 * waits seconds, not minutes, for messages that failed during a fault to go out after it.
 */
export const FAST_RETRY_BASE_MS = '200';

export function appEnv(options: AppEnvOptions): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    EMAIL_URL: options.emailUrl,
    // The default, said out loud: on a loaded test machine the SMTP fixture (in the test process)
    // can answer seconds late, and a reply later than this is resent (at least once, same
    // Message-ID). 10 s also keeps the worker's claim lease at its 60 s minimum.
    EMAIL_TIMEOUT: '10',
    DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@rolegate.test>',
    ADMINS: `Admins <${ADMINS_ADDRESS}>`,
    ROLEGATE_ADMIN_EMAIL: ADMIN_EMAIL,
    ROLEGATE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    APP_URL: options.appUrl,
    RATE_LIMIT_SIGNUPS_PER_HOUR: '0',
    RATE_LIMIT_LOGINS_PER_15_MIN: '0',
    RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: '0',
    // Cases sign people up and go on at once; the verification cases set `required` themselves.
    EMAIL_VERIFICATION: 'off',
    MAIL_RETRY_BASE_MS: FAST_RETRY_BASE_MS,
    LOG_LEVEL: 'warn',
    ...options.extra,
  };
}

/** EMAIL_URL for a fixture on 127.0.0.1 (plain SMTP; `auth` when the fixture requires AUTH). */
export function smtpUrl(port: number, auth?: { user: string; pass: string }): string {
  const credentials =
    auth === undefined ? '' : `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@`;
  return `smtp://${credentials}127.0.0.1:${port}`;
}
