import { describe, expect, it } from 'vitest';
import { loadMailSettings, MailSettingsError, parseEmailUrl } from './settings.js';
import { SMTP_DEFAULTS } from './testing/settings.js';

describe('EMAIL_URL', () => {
  it('smtp:// is plain SMTP on 25', () => {
    expect(parseEmailUrl('smtp://mail.example.com')).toEqual({
      ...SMTP_DEFAULTS,
      host: 'mail.example.com',
    });
  });

  it('smtp+tls:// is STARTTLS, on 587 unless a port is given', () => {
    expect(parseEmailUrl('smtp+tls://smtp.example.com')).toMatchObject({
      security: 'starttls',
      port: 587,
    });
    expect(parseEmailUrl('smtp+tls://smtp.example.com:2525')).toMatchObject({ port: 2525 });
  });

  it('smtps:// is implicit TLS on 465', () => {
    expect(parseEmailUrl('smtps://smtp.example.com')).toMatchObject({ security: 'ssl', port: 465 });
  });

  it('URL-decodes the user and the password', () => {
    expect(
      parseEmailUrl('smtp+tls://me%40example.com:p%40ss%3Aw%2Cord@smtp.example.com'),
    ).toMatchObject({
      username: 'me@example.com',
      password: 'p@ss:w,ord',
    });
  });

  it('takes timeout, ssl_certfile and ssl_keyfile from the query', () => {
    expect(
      parseEmailUrl('smtps://h?timeout=5&ssl_certfile=/c.pem&ssl_keyfile=/k.pem'),
    ).toMatchObject({ timeoutMs: 5000, sslCertfile: '/c.pem', sslKeyfile: '/k.pem' });
  });

  it.each([
    ['console:', { backend: 'console' }],
    ['memory:', { backend: 'memory' }],
    ['dummy:', { backend: 'dummy' }],
    ['file:///var/mail/rolegate', { backend: 'file', filePath: '/var/mail/rolegate' }],
  ])('%s names its backend', (url, transport) => {
    expect(parseEmailUrl(url)).toEqual(transport);
  });

  it.each([
    ['http://example.com', /not a mail transport/],
    ['mail.example.com', /not a mail URL/],
    ['smtp://me@h', /no password/],
    ['smtp://:secret@h', /no user name/],
    ['smtps://h:587', /port 587 speaks STARTTLS/],
    ['smtp+tls://h:465', /port 465 speaks implicit TLS/],
    ['smtp://h?tls=1', /unknown URL option 'tls'/],
    ['smtp://h?timeout=0', /positive number of seconds/],
    ['file:relative/dir', /absolute directory/],
  ])('refuses %s', (url, message) => {
    expect(() => parseEmailUrl(url)).toThrow(MailSettingsError);
    expect(() => parseEmailUrl(url)).toThrow(message);
  });

  it('names the variable it was read from', () => {
    expect(() => parseEmailUrl('ftp://x', 'EMAIL_FAILOVER_URLS')).toThrow(/^EMAIL_FAILOVER_URLS:/);
  });

  it('wins over the separate settings, which are listed as ignored', () => {
    const settings = loadMailSettings({
      EMAIL_URL: 'smtp+tls://u:p@url.example.com',
      EMAIL_HOST: 'vars.example.com',
      EMAIL_PORT: '25',
      EMAIL_TIMEOUT: '3',
    });
    expect(settings.transport).toMatchObject({
      host: 'url.example.com',
      port: 587,
      timeoutMs: 3000,
    });
    expect(settings.warnings).toEqual([
      'EMAIL_HOST, EMAIL_PORT ignored: EMAIL_URL is set and defines the transport.',
    ]);
  });

  it('lets its own timeout win over EMAIL_TIMEOUT', () => {
    const settings = loadMailSettings({ EMAIL_URL: 'smtp://h?timeout=1', EMAIL_TIMEOUT: '30' });
    expect(settings.transport).toMatchObject({ timeoutMs: 1000 });
  });
});
