import { isIP } from 'node:net';
import { REPLACED_BY_MAILERS } from '../settings.js';
import type { SmtpTransport } from '../transport.js';
import { TRANSPORT_VARIABLES } from '../transport-variables.js';

export type SetupForm = 'url' | 'mailers';

/**
 * The settings setup removes when it writes `form`, so no stale one is left over: every setting
 * that picks the transport; for MAILERS also those it replaces (EMAIL_TIMEOUT, the certificate
 * files, EMAIL_FAILOVER_URLS), which next to it would stop the server at start.
 */
export function settingsReplacedBySetup(form: SetupForm): readonly string[] {
  return form === 'url'
    ? ['EMAIL_URL', 'MAILERS', ...TRANSPORT_VARIABLES]
    : ['MAILERS', ...REPLACED_BY_MAILERS];
}

export const SMTP_BACKEND = 'django.core.mail.backends.smtp.EmailBackend';

/** `smtps://user:password@host:465`, user and password percent-encoded. */
export function emailUrl(transport: SmtpTransport): string {
  const scheme = { none: 'smtp', starttls: 'smtp+tls', ssl: 'smtps' }[transport.security];
  const user =
    transport.username === null
      ? ''
      : `${encodeURIComponent(transport.username)}${transport.password === null ? '' : `:${encodeURIComponent(transport.password)}`}@`;
  const host = isIP(transport.host) === 6 ? `[${transport.host}]` : transport.host;
  return `${scheme}://${user}${host}:${transport.port}`;
}

/**
 * Django 6.1's MAILERS setting with this transport as the default mailer, as JSON; `others` are
 * the other mailers of the file's MAILERS, kept as they were.
 */
export function mailersJson(
  transport: SmtpTransport,
  others: Readonly<Record<string, unknown>> = {},
): string {
  const options: Record<string, string | number | boolean> = {
    host: transport.host,
    port: transport.port,
  };
  if (transport.username !== null) options.username = transport.username;
  if (transport.password !== null) options.password = transport.password;
  if (transport.security === 'ssl') options.use_ssl = true;
  if (transport.security === 'starttls') options.use_tls = true;
  // No single quote in the JSON text, so the .env line can be single-quoted and read back literally.
  return JSON.stringify({
    default: { BACKEND: SMTP_BACKEND, OPTIONS: options },
    ...others,
  }).replaceAll("'", '\\u0027');
}

/**
 * The mailers of a MAILERS value other than `default`, by name: setup replaces only the default
 * one. Empty for a missing or unreadable value (setup then writes a new one).
 */
export function otherMailers(mailers: string | undefined): Record<string, unknown> {
  if (mailers === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(mailers);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const { default: _replaced, ...others } = parsed as Record<string, unknown>;
    return others;
  } catch {
    return {};
  }
}

/** The lines setup writes: the transport (EMAIL_URL or MAILERS, keeping `others`) and the senders. */
export function setupEnvEntries(
  transport: SmtpTransport,
  from: string,
  form: SetupForm,
  others: Readonly<Record<string, unknown>> = {},
): [string, string][] {
  return [
    form === 'url'
      ? ['EMAIL_URL', emailUrl(transport)]
      : ['MAILERS', mailersJson(transport, others)],
    ['DEFAULT_FROM_EMAIL', from],
    ['SERVER_EMAIL', from],
  ];
}
