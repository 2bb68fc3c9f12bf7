/**
 * An SMTP login over a connection without TLS sends the password in clear text (AUTH PLAIN and
 * LOGIN are only base64). Allowed, since some relays on a private network work that way, but said
 * at start so nobody runs it unknowingly. A server on this machine is exempt: nothing leaves it.
 */
import { type MailSettings, mailerNames, mailerSettings, type Transport } from '@rolegate/mail';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function cleartextPasswordWarnings(settings: MailSettings): string[] {
  const fix =
    settings.namedMailers === undefined
      ? 'Set EMAIL_USE_TLS=true (port 587) or EMAIL_USE_SSL=true (port 465), or use smtp+tls:// or smtps:// in EMAIL_URL.'
      : 'Set "use_tls": true (port 587) or "use_ssl": true (port 465) in its MAILERS OPTIONS.';
  const transports: Transport[] = mailerNames(settings).flatMap((name) => {
    const mailer = mailerSettings(settings, name);
    return [mailer.transport, ...mailer.failover];
  });
  return transports.flatMap((transport) =>
    transport.backend === 'smtp' &&
    transport.username !== null &&
    transport.security === 'none' &&
    !LOOPBACK_HOSTS.has(transport.host.toLowerCase())
      ? [
          `The SMTP login to ${transport.host}:${transport.port} is sent without TLS, so the password crosses the network in clear text. ${fix}`,
        ]
      : [],
  );
}
