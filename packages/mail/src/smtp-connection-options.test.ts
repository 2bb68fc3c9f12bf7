import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MailTransportError } from './errors.js';
import { smtpConnectionOptions } from './smtp-connection-options.js';
import type { SmtpTransport } from './transport.js';

const transport: SmtpTransport = {
  backend: 'smtp',
  host: 'mail.example.com',
  port: 587,
  username: null,
  password: null,
  security: 'starttls',
  timeoutMs: 5000,
  sslCertfile: null,
  sslKeyfile: null,
};

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rolegate-mail-options-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('smtpConnectionOptions', () => {
  it('maps each security mode to one TLS behaviour, never an opportunistic upgrade', async () => {
    const modes = await Promise.all(
      (['none', 'starttls', 'ssl'] as const).map(async (security) => {
        const { secure, requireTLS, ignoreTLS } = await smtpConnectionOptions({
          ...transport,
          security,
        });
        return { security, secure, requireTLS, ignoreTLS };
      }),
    );
    expect(modes).toEqual([
      { security: 'none', secure: false, requireTLS: false, ignoreTLS: true },
      { security: 'starttls', secure: false, requireTLS: true, ignoreTLS: false },
      { security: 'ssl', secure: true, requireTLS: false, ignoreTLS: false },
    ]);
  });

  it('applies EMAIL_TIMEOUT to every phase and keeps the programmatic TLS options', async () => {
    const options = await smtpConnectionOptions({ ...transport, tls: { servername: 'relay' } });
    expect(options).toMatchObject({
      host: 'mail.example.com',
      port: 587,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
      dnsTimeout: 5000,
      tls: { servername: 'relay' },
    });
  });

  it('reads the key from the certificate file when EMAIL_SSL_KEYFILE is unset', async () => {
    const certfile = join(await tempDir(), 'client.pem');
    await writeFile(certfile, 'CERT AND KEY');
    const { tls } = await smtpConnectionOptions({ ...transport, sslCertfile: certfile });
    expect(String(tls?.cert)).toBe('CERT AND KEY');
    expect(String(tls?.key)).toBe('CERT AND KEY');
  });

  it('names the setting of a file it cannot read', async () => {
    const dir = await tempDir();
    const certfile = join(dir, 'client.pem');
    await writeFile(certfile, 'CERT');
    const missing = join(dir, 'missing-key.pem');
    const reading = smtpConnectionOptions({
      ...transport,
      sslCertfile: certfile,
      sslKeyfile: missing,
    });
    await expect(reading).rejects.toBeInstanceOf(MailTransportError);
    await expect(reading).rejects.toMatchObject({
      code: 'ECONFIG',
      message: expect.stringContaining(`EMAIL_SSL_KEYFILE: cannot read ${missing}`),
    });
  });
});
