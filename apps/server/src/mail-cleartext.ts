/**
 * An SMTP login over a connection without TLS sends the password in clear text (AUTH PLAIN and
 * LOGIN are only base64). Allowed, since some relays on a private network work that way, but said
 * at start so nobody runs it unknowingly. A server on this machine is exempt: nothing leaves it.
 */
import type { MailSettings, Transport } from '@rolegate/mail';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function cleartextPasswordWarnings(settings: MailSettings): string[] {
  const transports: Transport[] = [settings.transport, ...settings.failover];
  return transports.flatMap((transport) =>
    transport.backend === 'smtp' &&
    transport.username !== null &&
    transport.security === 'none' &&
    !LOOPBACK_HOSTS.has(transport.host.toLowerCase())
      ? [
          `The SMTP login to ${transport.host}:${transport.port} is sent without TLS, so the password crosses the network in clear text. Set EMAIL_USE_TLS=true (port 587) or EMAIL_USE_SSL=true (port 465), or use smtp+tls:// or smtps:// in EMAIL_URL.`,
        ]
      : [],
  );
}
