import { describe, expect, it } from 'vitest';
import { diagnose, formatDiagnosis, isFailure } from './diagnose/index.js';
import { UnknownMailerError } from './mailer-lookup.js';
import { mailers } from './mailers.js';
import { EmailMessage } from './message.js';
import { mailAdmins, sendMail, sendMassMail } from './send.js';
import { loadMailSettings } from './settings.js';
import type { TestSmtpServer } from './testing/index.js';
import { smtpServers } from './testing/smtp-servers.js';

const startServer = smtpServers();
const SMTP = 'django.core.mail.backends.smtp.EmailBackend';

function smtpMailer(server: TestSmtpServer, extra: Record<string, unknown> = {}) {
  return { BACKEND: SMTP, OPTIONS: { host: server.host, port: server.port, ...extra } };
}

describe('using', () => {
  async function twoMailers() {
    const main = await startServer();
    const bulk = await startServer({ auth: { user: 'bulk', pass: 'bulk-secret' } });
    const settings = loadMailSettings({
      MAILERS: JSON.stringify({
        default: smtpMailer(main),
        bulk: smtpMailer(bulk, { username: 'bulk', password: 'bulk-secret' }),
      }),
      DEFAULT_FROM_EMAIL: 'app@example.com',
      ADMINS: 'ops@example.com',
      MANAGERS: 'boss@example.com',
    });
    return { main, bulk, settings };
  }

  it('sends each message through the mailer it names, and default without a name', async () => {
    const { main, bulk, settings } = await twoMailers();
    await sendMail('to default', 'body', null, ['a@example.com'], { settings });
    await sendMail('to bulk', 'body', null, ['b@example.com'], { settings, using: 'bulk' });
    await sendMassMail([['mass', 'body', null, ['c@example.com']]], { settings, using: 'bulk' });
    await mailAdmins('admins', 'body', { settings, using: 'bulk' });
    await new EmailMessage({ subject: 'message', to: ['d@example.com'], settings }).send(false, {
      using: 'bulk',
    });
    await main.waitForMessages(1);
    await bulk.waitForMessages(4);
    expect(main.received.map((message) => message.parsed.subject)).toEqual(['to default']);
    expect(bulk.received.map((message) => message.parsed.subject)).toEqual([
      'to bulk',
      'mass',
      '[Rolegate] admins',
      'message',
    ]);
    expect(bulk.received.every((message) => message.user === 'bulk')).toBe(true);
  });

  it('mailers.get(name) is a connection to that mailer', async () => {
    const { main, bulk, settings } = await twoMailers();
    await using connection = mailers.get('bulk', { settings });
    await connection.sendMessages([
      new EmailMessage({ subject: 'over bulk', to: ['e@example.com'], settings }),
    ]);
    await bulk.waitForMessages(1);
    expect(main.received).toEqual([]);
  });

  it('an unknown name is a clear error listing the configured mailers, and sends nothing', async () => {
    const { main, bulk, settings } = await twoMailers();
    const send = sendMail('x', 'body', null, ['a@example.com'], { settings, using: 'newsletter' });
    await expect(send).rejects.toThrow(UnknownMailerError);
    await expect(send).rejects.toThrow(
      "No mailer is named 'newsletter': the configured mailers are 'default', 'bulk'.",
    );
    expect(() => mailers.get('newsletter', { settings })).toThrow(/'default', 'bulk'/);
    expect([...main.received, ...bulk.received]).toEqual([]);
  });

  it('a mailer’s fail_silently swallows its errors unless the call asks otherwise', async () => {
    const settings = loadMailSettings({
      MAILERS: JSON.stringify({
        default: { BACKEND: 'console' },
        quiet: {
          BACKEND: SMTP,
          OPTIONS: { host: '127.0.0.1', port: 9, fail_silently: true, timeout: 1 },
        },
      }),
    });
    await expect(
      sendMail('x', 'y', null, ['a@example.com'], { settings, using: 'quiet' }),
    ).resolves.toBe(0);
    await expect(
      sendMail('x', 'y', null, ['a@example.com'], {
        settings,
        using: 'quiet',
        failSilently: false,
      }),
    ).rejects.toThrow();
  });
});

describe('mail check with MAILERS', () => {
  it('checks each mailer, and mail works only when every mailer does', async () => {
    const main = await startServer();
    const bulk = await startServer({ auth: { user: 'bulk', pass: 'right' } });
    const settings = loadMailSettings({
      MAILERS: JSON.stringify({
        default: smtpMailer(main, { timeout: 2 }),
        bulk: smtpMailer(bulk, { username: 'bulk', password: 'wrong', timeout: 2 }),
      }),
      ADMINS: 'ops@example.com',
    });
    const diagnosis = await diagnose(settings);
    const failed = diagnosis.findings.filter(isFailure);
    expect(diagnosis.ok).toBe(false);
    expect(failed.map((finding) => [finding.transport.split(' (')[0], finding.step])).toEqual([
      ['mailer "bulk"', 'auth'],
    ]);
    expect(failed[0]?.fix).toContain('MAILERS.bulk.OPTIONS.password');
    expect(formatDiagnosis(diagnosis)).toContain('Mailer "default" (smtp://127.0.0.1:');
  });
});
