/**
 * What a mailer is: a backend and, for SMTP, where and how to connect. Owned here, not by the
 * settings module, because both of settings' parsers (EMAIL_URL, the EMAIL_* variables) and the
 * named mailers build these, and the settings module imports all of them.
 */

/** `starttls`: plain greeting, then an upgrade (EMAIL_USE_TLS); `ssl`: TLS from the first byte. */
export type Security = 'none' | 'starttls' | 'ssl';

export interface SmtpTransport {
  backend: 'smtp';
  host: string;
  port: number;
  username: string | null;
  password: string | null;
  security: Security;
  /** Connection, greeting and socket inactivity timeout. */
  timeoutMs: number;
  sslCertfile: string | null;
  sslKeyfile: string | null;
  /** programmatic only (tests, self-signed servers) */
  tls?: { ca?: string | Buffer; servername?: string; rejectUnauthorized?: boolean };
}

export type Transport =
  | SmtpTransport
  | { backend: 'console' }
  | { backend: 'file'; filePath: string }
  | { backend: 'memory' }
  | { backend: 'dummy' };

/**
 * One mailer (an entry of Django 6.1's MAILERS, or the one that EMAIL_URL / the EMAIL_* settings
 * describe): its transport, the transports tried when that one fails, and Django's fail_silently.
 */
export interface MailerSettings {
  transport: Transport;
  /** Tried in order, per message, when `transport` fails (as Laravel's failover mailer). */
  failover: Transport[];
  /** OPTIONS.fail_silently: errors are swallowed unless a caller asks otherwise. */
  failSilently?: boolean;
}
