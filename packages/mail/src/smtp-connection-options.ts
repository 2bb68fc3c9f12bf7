import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { MailTransportError } from './errors.js';
import type { SmtpTransport } from './transport.js';

/**
 * The nodemailer SMTPConnection options for a transport: the one place that decides how the client
 * connects, so that real sending (backends/smtp.ts) and the diagnosis (diagnose/smtp) meet a server
 * the same way. Callers add only what is theirs on top (AUTH credentials, the check's custom AUTH
 * hook), never connection behaviour.
 */
export async function smtpConnectionOptions(
  transport: SmtpTransport,
): Promise<SMTPConnection.Options> {
  const { host, port, security, timeoutMs } = transport;
  return {
    host,
    port,
    secure: security === 'ssl',
    requireTLS: security === 'starttls',
    // Django sends in plain text unless told otherwise; so do we (no opportunistic upgrade).
    ignoreTLS: security === 'none',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    socketCloseTimeout: Math.min(timeoutMs, 1000),
    tls: await tlsOptions(transport),
    logger: false,
  };
}

async function tlsOptions(transport: SmtpTransport): Promise<ConnectionOptions> {
  const options: ConnectionOptions = { ...transport.tls };
  if (transport.sslCertfile !== null) {
    options.cert = await readSetting('EMAIL_SSL_CERTFILE', transport.sslCertfile);
    // Django's keyfile is optional: the certificate file may hold the key as well.
    options.key = await readSetting(
      'EMAIL_SSL_KEYFILE',
      transport.sslKeyfile ?? transport.sslCertfile,
    );
  }
  return options;
}

async function readSetting(variable: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MailTransportError(`${variable}: cannot read ${path} (${reason})`, 'ECONFIG');
  }
}
