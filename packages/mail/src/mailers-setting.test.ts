import { describe, expect, it } from 'vitest';
import { mailers } from './mailers.js';
import { loadMailSettings } from './settings.js';
import { problemsOf } from './testing/settings.js';

const SMTP = 'django.core.mail.backends.smtp.EmailBackend';

describe('MAILERS', () => {
  it('reads Django 6.1 mailers with OPTIONS named as Django’s backends', () => {
    const settings = loadMailSettings({
      MAILERS: JSON.stringify({
        default: {
          BACKEND: SMTP,
          OPTIONS: {
            host: 'smtp.example.com',
            port: 587,
            username: 'me@example.com',
            password: 'secret',
            use_tls: true,
            timeout: 2.5,
          },
        },
        bulk: {
          BACKEND: 'django.core.mail.backends.smtp.EmailBackend',
          OPTIONS: { use_ssl: true },
        },
        files: {
          BACKEND: 'django.core.mail.backends.filebased.EmailBackend',
          OPTIONS: { file_path: '/tmp/mail' },
        },
        quiet: { BACKEND: 'console', OPTIONS: { fail_silently: true } },
      }),
    });
    expect(settings.transport).toEqual({
      backend: 'smtp',
      host: 'smtp.example.com',
      port: 587,
      username: 'me@example.com',
      password: 'secret',
      security: 'starttls',
      timeoutMs: 2500,
      sslCertfile: null,
      sslKeyfile: null,
    });
    expect(settings.namedMailers).toEqual({
      bulk: {
        transport: expect.objectContaining({
          host: 'localhost',
          port: 465,
          security: 'ssl',
          timeoutMs: 10_000,
        }),
        failover: [],
      },
      files: { transport: { backend: 'file', filePath: '/tmp/mail' }, failover: [] },
      quiet: { transport: { backend: 'console' }, failover: [], failSilently: true },
    });
    expect(mailers.names(settings)).toEqual(['default', 'bulk', 'files', 'quiet']);
  });

  it('is a start-up error next to any EMAIL_* transport setting or EMAIL_URL, naming both', () => {
    const mailersValue = JSON.stringify({ default: { BACKEND: 'console' } });
    for (const [name, value] of [
      ['EMAIL_URL', 'smtp://localhost:25'],
      ['EMAIL_HOST', 'smtp.example.com'],
      ['EMAIL_USE_TLS', 'true'],
      ['EMAIL_TIMEOUT', '5'],
      ['EMAIL_FAILOVER_URLS', 'console:'],
    ] as const) {
      const [problem] = problemsOf({ MAILERS: mailersValue, [name]: value });
      expect(problem?.variable).toBe('MAILERS');
      expect(problem?.message).toContain(name);
      expect(problem?.fix).toMatch(/unset MAILERS/);
    }
  });

  it('names the exact option, and every problem at once', () => {
    const problems = problemsOf({
      MAILERS: JSON.stringify({
        default: {
          BACKEND: SMTP,
          OPTIONS: { port: 'x', use_tls: 'yes', username: 'me', hostname: 'a' },
        },
        bulk: { BACKEND: 'sendgrid' },
      }),
    });
    expect(problems.map((problem) => problem.variable)).toEqual([
      'MAILERS.default.OPTIONS',
      'MAILERS.default.OPTIONS.use_tls',
      'MAILERS.default.OPTIONS.port',
      'MAILERS.default.OPTIONS.password',
      'MAILERS.bulk.BACKEND',
    ]);
    expect(problems[0]?.message).toContain("'hostname' is not an option of the smtp backend");
  });

  it('refuses JSON that is not an object of mailers, and mailers without "default"', () => {
    expect(problemsOf({ MAILERS: '{"default": ' })[0]?.message).toMatch(/not valid JSON/);
    expect(problemsOf({ MAILERS: '[]' })[0]?.message).toMatch(/not a JSON object/);
    const [problem] = problemsOf({ MAILERS: JSON.stringify({ main: { BACKEND: 'console' } }) });
    expect(problem?.message).toMatch(/no "default" mailer \(it names "main"\)/);
  });

  it('refuses SSL on port 587 in the words of the option', () => {
    const [problem] = problemsOf({
      MAILERS: JSON.stringify({
        default: { BACKEND: SMTP, OPTIONS: { port: 587, use_ssl: true } },
      }),
    });
    expect(problem?.variable).toBe('MAILERS.default.OPTIONS.port');
    expect(problem?.fix).toContain('"use_tls": true');
  });
});
