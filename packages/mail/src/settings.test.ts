import { describe, expect, it } from 'vitest';
import { hasTransportSettings, loadMailSettings, MailSettingsError } from './settings.js';
import { problemsOf } from './testing/settings.js';

describe('defaults', () => {
  it('are Django’s, with a 10 s timeout and the Rolegate subject prefix', () => {
    expect(loadMailSettings({})).toEqual({
      transport: {
        backend: 'smtp',
        host: 'localhost',
        port: 25,
        username: null,
        password: null,
        security: 'none',
        timeoutMs: 10_000,
        sslCertfile: null,
        sslKeyfile: null,
      },
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
  const cases: { name: string; env: NodeJS.ProcessEnv; variable: string; fix: RegExp }[] = [
    {
      name: 'TLS and SSL together',
      env: { EMAIL_USE_TLS: 'true', EMAIL_USE_SSL: 'true' },
      variable: 'EMAIL_USE_TLS',
      fix: /keep one/,
    },
    {
      name: 'a non-boolean TLS flag',
      env: { EMAIL_USE_TLS: 'on' },
      variable: 'EMAIL_USE_TLS',
      fix: /true or false/,
    },
    {
      name: 'a non-boolean SSL flag',
      env: { EMAIL_USE_SSL: 'y' },
      variable: 'EMAIL_USE_SSL',
      fix: /true or false/,
    },
    {
      name: 'a non-numeric port',
      env: { EMAIL_PORT: 'smtp' },
      variable: 'EMAIL_PORT',
      fix: /1 to 65535/,
    },
    {
      name: 'a port above 65535',
      env: { EMAIL_PORT: '70000' },
      variable: 'EMAIL_PORT',
      fix: /1 to 65535/,
    },
    { name: 'port 0', env: { EMAIL_PORT: '0' }, variable: 'EMAIL_PORT', fix: /1 to 65535/ },
    {
      name: 'SSL on port 587',
      env: { EMAIL_USE_SSL: 'true', EMAIL_PORT: '587' },
      variable: 'EMAIL_PORT',
      fix: /EMAIL_USE_TLS=true and EMAIL_USE_SSL=false|EMAIL_PORT=465/,
    },
    {
      name: 'TLS on port 465',
      env: { EMAIL_USE_TLS: 'true', EMAIL_PORT: '465' },
      variable: 'EMAIL_PORT',
      fix: /EMAIL_USE_SSL=true and EMAIL_USE_TLS=false/,
    },
    {
      name: 'no TLS at all on port 465',
      env: { EMAIL_PORT: '465' },
      variable: 'EMAIL_PORT',
      fix: /EMAIL_USE_SSL=true/,
    },
    {
      name: 'a user without a password',
      env: { EMAIL_HOST_USER: 'me@example.com' },
      variable: 'EMAIL_HOST_PASSWORD',
      fix: /set EMAIL_HOST_PASSWORD/,
    },
    {
      name: 'a password without a user',
      env: { EMAIL_HOST_PASSWORD: 'hunter2' },
      variable: 'EMAIL_HOST_USER',
      fix: /set EMAIL_HOST_USER/,
    },
    {
      name: 'a zero timeout',
      env: { EMAIL_TIMEOUT: '0' },
      variable: 'EMAIL_TIMEOUT',
      fix: /seconds/,
    },
    {
      name: 'a negative timeout',
      env: { EMAIL_TIMEOUT: '-5' },
      variable: 'EMAIL_TIMEOUT',
      fix: /seconds/,
    },
    {
      name: 'a non-numeric timeout',
      env: { EMAIL_TIMEOUT: 'never' },
      variable: 'EMAIL_TIMEOUT',
      fix: /seconds/,
    },
    {
      name: 'the file backend without EMAIL_FILE_PATH',
      env: { EMAIL_BACKEND: 'file' },
      variable: 'EMAIL_FILE_PATH',
      fix: /set EMAIL_FILE_PATH/,
    },
    {
      name: 'an unknown backend',
      env: { EMAIL_BACKEND: 'sendgrid' },
      variable: 'EMAIL_BACKEND',
      fix: /smtp, console, file, memory or dummy/,
    },
    {
      name: 'a malformed ADMINS entry',
      env: { ADMINS: 'Jane <jane@example.com>, Bob' },
      variable: 'ADMINS',
      fix: /Name <email>/,
    },
    {
      name: 'a malformed MANAGERS entry',
      env: { MANAGERS: 'boss at example.com' },
      variable: 'MANAGERS',
      fix: /Name <email>/,
    },
    {
      name: 'an invalid DEFAULT_FROM_EMAIL',
      env: { DEFAULT_FROM_EMAIL: 'noreply' },
      variable: 'DEFAULT_FROM_EMAIL',
      fix: /address such as/,
    },
    {
      name: 'an invalid SERVER_EMAIL',
      env: { SERVER_EMAIL: 'root@' },
      variable: 'SERVER_EMAIL',
      fix: /address such as/,
    },
    {
      name: 'a subject prefix with a line break',
      env: { EMAIL_SUBJECT_PREFIX: '[X]\nBcc: all@example.com' },
      variable: 'EMAIL_SUBJECT_PREFIX',
      fix: /one line/,
    },
    {
      name: 'a client key without a certificate',
      env: { EMAIL_USE_TLS: 'true', EMAIL_SSL_KEYFILE: '/k.pem' },
      variable: 'EMAIL_SSL_KEYFILE',
      fix: /EMAIL_SSL_CERTFILE/,
    },
    {
      name: 'a client certificate without TLS',
      env: { EMAIL_SSL_CERTFILE: '/c.pem' },
      variable: 'EMAIL_SSL_CERTFILE',
      fix: /EMAIL_USE_TLS=true/,
    },
    {
      name: 'a bad EMAIL_URL scheme',
      env: { EMAIL_URL: 'http://mail.example.com' },
      variable: 'EMAIL_URL',
      fix: /smtp\+tls:\/\//,
    },
    {
      name: 'a bad EMAIL_FAILOVER_URLS entry',
      env: { EMAIL_FAILOVER_URLS: 'console:, ftp://x' },
      variable: 'EMAIL_FAILOVER_URLS (entry 2)',
      fix: /smtps:\/\//,
    },
  ];

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
