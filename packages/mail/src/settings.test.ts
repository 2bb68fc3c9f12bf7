import { describe, expect, it } from 'vitest';
import { hasTransportSettings, loadMailSettings, MailSettingsError } from './settings.js';
import { problemsOf, SMTP_DEFAULTS } from './testing/settings.js';

describe('defaults', () => {
  it('are Django’s, with a 10 s timeout and the Rolegate subject prefix', () => {
    expect(loadMailSettings({})).toEqual({
      transport: SMTP_DEFAULTS,
      failover: [],
      defaultFromEmail: 'webmaster@localhost',
      serverEmail: 'root@localhost',
      subjectPrefix: '[Rolegate] ',
      admins: [],
      managers: [],
    });
  });

  it('pick port 587 for TLS and 465 for SSL, as Django 6.1', () => {
    const tls = loadMailSettings({ EMAIL_USE_TLS: 'true' }).transport;
    const ssl = loadMailSettings({ EMAIL_USE_SSL: 'true' }).transport;
    expect(tls).toMatchObject({ port: 587, security: 'starttls' });
    expect(ssl).toMatchObject({ port: 465, security: 'ssl' });
  });

  it('treat an empty variable as unset', () => {
    const settings = loadMailSettings({ EMAIL_HOST: '', EMAIL_PORT: ' ', EMAIL_USE_TLS: '' });
    expect(settings.transport).toMatchObject({ host: 'localhost', port: 25, security: 'none' });
  });

  it('keep an explicitly empty subject prefix', () => {
    expect(loadMailSettings({ EMAIL_SUBJECT_PREFIX: '' }).subjectPrefix).toBe('');
  });
});

describe('hasTransportSettings', () => {
  it('is false when nothing picks a transport, even with senders and admins set', () => {
    expect(hasTransportSettings({})).toBe(false);
    expect(
      hasTransportSettings({ DEFAULT_FROM_EMAIL: 'a@example.com', ADMINS: 'b@example.com' }),
    ).toBe(false);
    expect(hasTransportSettings({ EMAIL_HOST: '  ' })).toBe(false);
  });

  it.each(['EMAIL_URL', 'EMAIL_FAILOVER_URLS', 'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_USE_TLS'])(
    'is true once %s is set',
    (name) => {
      expect(hasTransportSettings({ [name]: 'x' })).toBe(true);
    },
  );
});

describe('separate settings', () => {
  it('read every SMTP variable', () => {
    const settings = loadMailSettings({
      EMAIL_HOST: 'smtp.example.com',
      EMAIL_PORT: '2525',
      EMAIL_HOST_USER: 'apikey',
      EMAIL_HOST_PASSWORD: 's3cret',
      EMAIL_USE_TLS: 'Yes',
      EMAIL_TIMEOUT: '2.5',
      EMAIL_SSL_CERTFILE: '/etc/cert.pem',
      EMAIL_SSL_KEYFILE: '/etc/key.pem',
      DEFAULT_FROM_EMAIL: 'Rolegate <noreply@example.com>',
      SERVER_EMAIL: 'errors@example.com',
      EMAIL_SUBJECT_PREFIX: '[RG] ',
    });
    expect(settings.transport).toEqual({
      backend: 'smtp',
      host: 'smtp.example.com',
      port: 2525,
      username: 'apikey',
      password: 's3cret',
      security: 'starttls',
      timeoutMs: 2500,
      sslCertfile: '/etc/cert.pem',
      sslKeyfile: '/etc/key.pem',
    });
    expect(settings.defaultFromEmail).toBe('"Rolegate" <noreply@example.com>');
    expect(settings.serverEmail).toBe('errors@example.com');
    expect(settings.subjectPrefix).toBe('[RG] ');
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['NO', false],
  ])('parse the boolean %s strictly', (value, expected) => {
    const security = loadMailSettings({ EMAIL_USE_TLS: value }).transport;
    expect(security).toMatchObject({ security: expected ? 'starttls' : 'none' });
  });

  it('read ADMINS and MANAGERS as `Name <email>` or `email`, quoted names may hold commas', () => {
    const settings = loadMailSettings({
      ADMINS: 'Jane Doe <jane@example.com>, ops@example.com,"Doe, John" <john@example.com>',
      MANAGERS: 'boss@example.com',
    });
    expect(settings.admins).toEqual([
      { name: 'Jane Doe', email: 'jane@example.com' },
      { name: null, email: 'ops@example.com' },
      { name: 'Doe, John', email: 'john@example.com' },
    ]);
    expect(settings.managers).toEqual([{ name: null, email: 'boss@example.com' }]);
  });

  it.each([
    ['smtp', 'smtp'],
    ['console', 'console'],
    ['memory', 'memory'],
    ['locmem', 'memory'],
    ['dummy', 'dummy'],
    ['django.core.mail.backends.smtp.EmailBackend', 'smtp'],
    ['django.core.mail.backends.console.EmailBackend', 'console'],
    ['django.core.mail.backends.locmem.EmailBackend', 'memory'],
    ['django.core.mail.backends.dummy.EmailBackend', 'dummy'],
  ])('accept EMAIL_BACKEND=%s', (name, backend) => {
    expect(loadMailSettings({ EMAIL_BACKEND: name }).transport.backend).toBe(backend);
  });

  it('accept Django’s file backend path with EMAIL_FILE_PATH', () => {
    const settings = loadMailSettings({
      EMAIL_BACKEND: 'django.core.mail.backends.filebased.EmailBackend',
      EMAIL_FILE_PATH: './.data/mail',
    });
    expect(settings.transport).toEqual({ backend: 'file', filePath: './.data/mail' });
  });

  it('take failover URLs in order', () => {
    const settings = loadMailSettings({
      EMAIL_FAILOVER_URLS: 'smtps://u:p@backup.example.com, console:',
    });
    expect(settings.failover).toEqual([
      expect.objectContaining({ host: 'backup.example.com', port: 465, security: 'ssl' }),
      { backend: 'console' },
    ]);
  });
});

describe('bad settings', () => {
  // name, settings, the variable the problem names, and its fix
  const rows: [string, NodeJS.ProcessEnv, string, RegExp][] = [
    [
      'TLS and SSL together',
      { EMAIL_USE_TLS: 'true', EMAIL_USE_SSL: 'true' },
      'EMAIL_USE_TLS',
      /keep one/,
    ],
    ['a non-boolean TLS flag', { EMAIL_USE_TLS: 'on' }, 'EMAIL_USE_TLS', /true or false/],
    ['a non-boolean SSL flag', { EMAIL_USE_SSL: 'y' }, 'EMAIL_USE_SSL', /true or false/],
    ['a non-numeric port', { EMAIL_PORT: 'smtp' }, 'EMAIL_PORT', /1 to 65535/],
    ['a port above 65535', { EMAIL_PORT: '70000' }, 'EMAIL_PORT', /1 to 65535/],
    ['port 0', { EMAIL_PORT: '0' }, 'EMAIL_PORT', /1 to 65535/],
    [
      'SSL on port 587',
      { EMAIL_USE_SSL: 'true', EMAIL_PORT: '587' },
      'EMAIL_PORT',
      /EMAIL_USE_TLS=true and EMAIL_USE_SSL=false|EMAIL_PORT=465/,
    ],
    [
      'TLS on port 465',
      { EMAIL_USE_TLS: 'true', EMAIL_PORT: '465' },
      'EMAIL_PORT',
      /EMAIL_USE_SSL=true and EMAIL_USE_TLS=false/,
    ],
    ['no TLS at all on port 465', { EMAIL_PORT: '465' }, 'EMAIL_PORT', /EMAIL_USE_SSL=true/],
    [
      'a user without a password',
      { EMAIL_HOST_USER: 'me@example.com' },
      'EMAIL_HOST_PASSWORD',
      /set EMAIL_HOST_PASSWORD/,
    ],
    [
      'a password without a user',
      { EMAIL_HOST_PASSWORD: 'hunter2' },
      'EMAIL_HOST_USER',
      /set EMAIL_HOST_USER/,
    ],
    ['a zero timeout', { EMAIL_TIMEOUT: '0' }, 'EMAIL_TIMEOUT', /seconds/],
    ['a negative timeout', { EMAIL_TIMEOUT: '-5' }, 'EMAIL_TIMEOUT', /seconds/],
    ['a non-numeric timeout', { EMAIL_TIMEOUT: 'never' }, 'EMAIL_TIMEOUT', /seconds/],
    [
      'the file backend without EMAIL_FILE_PATH',
      { EMAIL_BACKEND: 'file' },
      'EMAIL_FILE_PATH',
      /set EMAIL_FILE_PATH/,
    ],
    [
      'an unknown backend',
      { EMAIL_BACKEND: 'sendgrid' },
      'EMAIL_BACKEND',
      /smtp, console, file, memory or dummy/,
    ],
    [
      'a malformed ADMINS entry',
      { ADMINS: 'Jane <jane@example.com>, Bob' },
      'ADMINS',
      /Name <email>/,
    ],
    ['a malformed MANAGERS entry', { MANAGERS: 'boss at example.com' }, 'MANAGERS', /Name <email>/],
    [
      'an invalid DEFAULT_FROM_EMAIL',
      { DEFAULT_FROM_EMAIL: 'noreply' },
      'DEFAULT_FROM_EMAIL',
      /address such as/,
    ],
    ['an invalid SERVER_EMAIL', { SERVER_EMAIL: 'root@' }, 'SERVER_EMAIL', /address such as/],
    [
      'a subject prefix with a line break',
      { EMAIL_SUBJECT_PREFIX: '[X]\nBcc: all@example.com' },
      'EMAIL_SUBJECT_PREFIX',
      /one line/,
    ],
    [
      'a client key without a certificate',
      { EMAIL_USE_TLS: 'true', EMAIL_SSL_KEYFILE: '/k.pem' },
      'EMAIL_SSL_KEYFILE',
      /EMAIL_SSL_CERTFILE/,
    ],
    [
      'a client certificate without TLS',
      { EMAIL_SSL_CERTFILE: '/c.pem' },
      'EMAIL_SSL_CERTFILE',
      /EMAIL_USE_TLS=true/,
    ],
    [
      'a bad EMAIL_URL scheme',
      { EMAIL_URL: 'http://mail.example.com' },
      'EMAIL_URL',
      /smtp\+tls:\/\//,
    ],
    [
      'a bad EMAIL_FAILOVER_URLS entry',
      { EMAIL_FAILOVER_URLS: 'console:, ftp://x' },
      'EMAIL_FAILOVER_URLS (entry 2)',
      /smtps:\/\//,
    ],
  ];
  const cases = rows.map(([name, env, variable, fix]) => ({ name, env, variable, fix }));

  it.each(cases)('$name is refused, naming $variable', ({ env, variable, fix }) => {
    const problems = problemsOf(env);
    const problem = problems.find((p) => p.variable === variable);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.fix).toMatch(fix);
    expect(() => loadMailSettings(env)).toThrow(variable);
  });

  it('are reported all at once', () => {
    const error = (() => {
      try {
        loadMailSettings({
          EMAIL_PORT: 'x',
          EMAIL_USE_SSL: 'maybe',
          EMAIL_HOST_USER: 'me',
          ADMINS: 'nope',
          EMAIL_TIMEOUT: '0',
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MailSettingsError);
    const { problems, message } = error as MailSettingsError;
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'ADMINS',
      'EMAIL_HOST_PASSWORD',
      'EMAIL_PORT',
      'EMAIL_TIMEOUT',
      'EMAIL_USE_SSL',
    ]);
    expect(message).toMatch(/^5 mail settings are wrong/);
  });

  it('never echo a password', () => {
    const problems = problemsOf({ EMAIL_URL: 'smtps://me:hunter2@mail.example.com:587?x=1' });
    expect(JSON.stringify(problems)).not.toContain('hunter2');
    expect(problems.length).toBeGreaterThan(0);
  });
});
