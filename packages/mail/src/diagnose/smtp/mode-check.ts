import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, firstLine, pass, sentence } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { blockedPortFix, otherPorts } from './connect.js';
import type { PortMode } from './probe-port.js';

/** Compares the TLS mode the port really speaks with the one the settings ask for. */
export function modeCheck(mode: PortMode, transport: SmtpTransport, names: SettingNames): Check {
  const { host, port, security } = transport;
  const at = `Port ${port} on ${host}`;
  switch (mode.kind) {
    case 'refusing':
      return fail(
        'connect',
        `${host}:${port} answered with "${firstLine(mode.reply)}" instead of a 220 greeting: the server refuses this client (often a blocklist entry for this IP, or too many connections).`,
        'If the reply names a blocklist, ask the provider to allow this machine’s IP, or use their submission port 587 with a login.',
        mode.reply,
      );
    case 'closed':
      return fail(
        'connect',
        `${host}:${port} accepted the connection and closed it without a greeting: the server or a firewall turns this client away.`,
        `Check that this machine’s IP may use the server, or try port ${otherPorts(port)}.`,
        mode.received || undefined,
      );
    case 'silent':
      return fail(
        'connect',
        `${host}:${port} accepted the connection but sent no greeting and no TLS handshake within the timeout, so sending would time out: outbound port ${port} looks blocked or intercepted by a firewall.`,
        blockedPortFix(port),
        mode.detail,
      );
    case 'not-smtp':
      return fail(
        'connect',
        `${host}:${port} answers, but not with SMTP: another service runs on this port.`,
        `Check ${names.port}: mail submission is usually 587 (STARTTLS) or 465 (implicit TLS).`,
        JSON.stringify(mode.received.slice(0, 80)),
      );
    case 'implicit-tls':
      if (security === 'ssl') {
        return pass('tls', `${at} expects TLS from the first byte (implicit TLS), as configured.`);
      }
      return fail(
        'tls',
        `${at} expects TLS from the first byte (implicit TLS), but ${names.securityNow(security)}, so the client waits for a plaintext greeting that never comes ("Greeting never received").`,
        sentence(names.setSecurity('ssl')),
        mode.greeting ?? undefined,
      );
    case 'plain':
      return plainModeCheck(mode, transport, names);
  }
}

function plainModeCheck(
  mode: Extract<PortMode, { kind: 'plain' }>,
  transport: SmtpTransport,
  names: SettingNames,
): Check {
  const { host, port, security, username } = transport;
  const at = `Port ${port} on ${host}`;
  const speaks = mode.starttls
    ? 'speaks STARTTLS (plaintext first, then an upgrade to TLS)'
    : 'speaks plain SMTP without STARTTLS';
  if (security === 'ssl') {
    return fail(
      'tls',
      `${at} ${speaks}, but ${names.securityNow('ssl')}, so the client opens with a TLS handshake the server answers in plaintext ("wrong version number").`,
      mode.starttls
        ? sentence(names.setSecurity('starttls'))
        : sentence(`${names.setSecurity('none')}, or use the provider's TLS port (465 or 587)`),
      firstLine(mode.greeting),
    );
  }
  if (security === 'starttls') {
    if (mode.starttls) return pass('tls', `${at} speaks STARTTLS, as configured.`);
    return fail(
      'tls',
      `${at} ${speaks}, but ${names.securityNow('starttls')}, so the client's upgrade to TLS is refused.`,
      sentence(
        `use the port where the provider offers STARTTLS (usually 587), or on a trusted network only ${names.setSecurity('none')}`,
      ),
      mode.ehlo,
    );
  }
  if (mode.starttls) {
    return pass(
      'tls',
      `${at} offers STARTTLS, but ${names.securityNow('none')}, so mail${username === null ? '' : ' and the password'} would travel unencrypted.`,
      { fix: sentence(names.setSecurity('starttls')) },
    );
  }
  return username === null
    ? pass('tls', `${at} speaks plain SMTP without TLS, as configured.`)
    : pass('tls', `${at} speaks plain SMTP without TLS, so the password travels unencrypted.`, {
        fix: `If the provider offers port 587 with STARTTLS, use it and ${names.setSecurity('starttls')}.`,
      });
}
