import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDotEnvIfPresent } from './env.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no settings at all: port 3000, PGlite, console mail, limits on, worker on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      appUrl: 'http://localhost:3000',
      appOrigin: 'http://localhost:3000',
      databaseUrl: undefined,
      adminEmail: null,
      adminPassword: null,
      rateLimits: { signupsPerHour: 20, loginsPer15Min: 10, accountMailsPerHour: 5 },
      emailVerification: 'required',
      passwordResetMinutes: 30,
      trustProxy: false,
      sessionMaxDays: 90,
      mailWorker: true,
      mailRetryBaseMs: 5_000,
      outboxRetentionDays: 30,
      logLevel: 'info',
    });
    expect(config.mail.transport.backend).toBe('console');
    expect(config.mail.warnings?.join(' ')).toMatch(/printed to this console.*set EMAIL_URL/);
  });

  it('takes MAILERS as the mail settings, and refuses it next to EMAIL_HOST, naming both', () => {
    const mailers = JSON.stringify({
      default: { BACKEND: 'smtp', OPTIONS: { host: 'smtp.example.com', port: 587, use_tls: true } },
      bulk: { BACKEND: 'memory' },
    });
    const config = loadConfig({ MAILERS: mailers });
    expect(config.mail.transport).toMatchObject({ host: 'smtp.example.com', security: 'starttls' });
    expect(Object.keys(config.mail.namedMailers ?? {})).toEqual(['bulk']);
    let message = '';
    try {
      loadConfig({ MAILERS: mailers, EMAIL_HOST: 'smtp.other.example' });
    } catch (error) {
      if (error instanceof ConfigError) message = error.message;
    }
    expect(message).toMatch(/MAILERS: is set together with EMAIL_HOST/);
  });

  it("keeps Django's SMTP default once any mail transport setting is given", () => {
    const config = loadConfig({ EMAIL_HOST: 'smtp.example.com' });
    expect(config.mail.transport).toMatchObject({
      backend: 'smtp',
      host: 'smtp.example.com',
      port: 25,
    });
    expect(config.mail.warnings ?? []).toEqual([]);
  });

  it('derives APP_URL from PORT and keeps a path prefix without the trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).appUrl).toBe('http://localhost:8080');
    const config = loadConfig({ APP_URL: 'https://example.com/rolegate/' });
    expect(config.appUrl).toBe('https://example.com/rolegate');
    expect(config.appOrigin).toBe('https://example.com');
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '4000',
      APP_URL: 'https://rolegate.example.com',
      DATABASE_URL: 'postgres://u:p@db:5432/rolegate',
      ROLEGATE_ADMIN_EMAIL: 'root@example.com',
      ROLEGATE_ADMIN_PASSWORD: ' spaces count too ',
      RATE_LIMIT_SIGNUPS_PER_HOUR: '0',
      RATE_LIMIT_LOGINS_PER_15_MIN: '5',
      RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: '2',
      EMAIL_VERIFICATION: 'OFF',
      PASSWORD_RESET_MINUTES: '15',
      DECISION_LINK_HOURS: '48',
      REQUEST_REMINDER_HOURS: '0',
      DIGEST_HOUR_UTC: '23',
      LEVEL_REQUEST_COOLDOWN_HOURS: '0',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,2001:db8::/32',
      SESSION_MAX_DAYS: '7',
      MAIL_WORKER: 'FALSE',
      MAIL_RETRY_BASE_MS: '250',
      OUTBOX_RETENTION_DAYS: '0',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'JSON',
      EMAIL_URL: 'console:',
    });
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: 'postgres://u:p@db:5432/rolegate',
      adminEmail: 'root@example.com',
      adminPassword: ' spaces count too ',
      rateLimits: { signupsPerHour: 0, loginsPer15Min: 5, accountMailsPerHour: 2 },
      emailVerification: 'off',
      passwordResetMinutes: 15,
      decisionLinkHours: 48,
      requestReminderHours: 0,
      digestHourUtc: 23,
      levelRequestCooldownHours: 0,
      trustProxy: ['127.0.0.1', '10.0.0.0/8', '2001:db8::/32'],
      sessionMaxDays: 7,
      logFormat: 'json',
      mailWorker: false,
      mailRetryBaseMs: 250,
      outboxRetentionDays: 0,
      logLevel: 'debug',
    });
    expect(config.mail.transport.backend).toBe('console');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['APP_URL', 'localhost:3000'],
    ['APP_URL', 'ftp://example.com'],
    ['DATABASE_URL', 'mysql://db/rolegate'],
    ['RATE_LIMIT_SIGNUPS_PER_HOUR', '-1'],
    ['RATE_LIMIT_LOGINS_PER_15_MIN', 'ten'],
    ['TRUST_PROXY', 'on'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '1'],
    ['TRUST_PROXY', '10.0.0.0/8,proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['SESSION_MAX_DAYS', '0'],
    ['MAIL_WORKER', 'False-ish'],
    ['MAIL_RETRY_BASE_MS', '0'],
    ['OUTBOX_RETENTION_DAYS', '-1'],
    ['OUTBOX_RETENTION_DAYS', '30d'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_FORMAT', 'colour'],
    ['EMAIL_VERIFICATION', 'optional'],
    ['PASSWORD_RESET_MINUTES', '0'],
    ['RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR', 'many'],
    ['DECISION_LINK_HOURS', '0'],
    ['REQUEST_REMINDER_HOURS', 'daily'],
    ['DIGEST_HOUR_UTC', '24'],
    ['LEVEL_REQUEST_COOLDOWN_HOURS', '1 day'],
  ])('names %s when it is %j', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([variable]);
  });

  it('says what to do in the message', () => {
    expect(() => loadConfig({ MAIL_WORKER: 'on' })).toThrow(
      /MAIL_WORKER: 'on' is not a boolean\. Fix: set MAIL_WORKER to true or false/,
    );
  });

  it('refuses TRUST_PROXY=true, naming the list of proxies as the fix; false stays off', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: 'true' would believe any X-Forwarded-For a client sends\. Fix: list the addresses or CIDR ranges of your own proxies, like TRUST_PROXY=127\.0\.0\.1,10\.0\.0\.0\/8/,
    );
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('wants both admin variables or neither', () => {
    expect(problemsOf({ ROLEGATE_ADMIN_EMAIL: 'a@example.com' })).toEqual([
      'ROLEGATE_ADMIN_PASSWORD',
    ]);
    expect(problemsOf({ ROLEGATE_ADMIN_PASSWORD: 'long enough password' })).toEqual([
      'ROLEGATE_ADMIN_EMAIL',
    ]);
    expect(
      problemsOf({ ROLEGATE_ADMIN_EMAIL: 'not-an-email', ROLEGATE_ADMIN_PASSWORD: 'short' }),
    ).toEqual(['ROLEGATE_ADMIN_EMAIL', 'ROLEGATE_ADMIN_PASSWORD']);
  });

  it('reports every problem at once, mail settings included', () => {
    expect(
      problemsOf({ PORT: 'x', MAIL_WORKER: 'maybe', EMAIL_PORT: 'smtp', EMAIL_USE_TLS: 'sure' }),
    ).toEqual(expect.arrayContaining(['PORT', 'MAIL_WORKER', 'EMAIL_PORT', 'EMAIL_USE_TLS']));
  });
});

describe('loadDotEnvIfPresent', () => {
  it('loads .env from the directory when there is one, and does nothing otherwise', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-env-'));
    try {
      expect(loadDotEnvIfPresent(dir)).toBeNull();
      const name = `ROLEGATE_TEST_${process.pid}`;
      await writeFile(path.join(dir, '.env'), `${name}=from-dotenv\n`);
      expect(loadDotEnvIfPresent(dir)).toBe(path.join(dir, '.env'));
      expect(process.env[name]).toBe('from-dotenv');
      delete process.env[name];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
