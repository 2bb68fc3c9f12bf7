import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, seconds, sentence } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { blockedPortFix } from './connect.js';
import {
  certificateNames,
  errorCode,
  errorMessage,
  errorReply,
  errorTimeoutType,
} from './errors.js';

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

const TRUST_FIX =
  'If you trust this server, start the app with NODE_EXTRA_CA_CERTS=/path/to/its-ca.pem (Node’s own variable); otherwise use the provider’s public host name, whose certificate is publicly signed.';

/**
 * Explains why nodemailer could not set up the session the settings describe. The probe before it
 * already caught a wrong TLS mode, so what is left here is mostly certificates.
 */
export function explainSessionError(
  error: unknown,
  transport: SmtpTransport,
  names: SettingNames,
): Check {
  const { host, port, timeoutMs } = transport;
  const code = errorCode(error) ?? '';
  const detail = errorMessage(error);
  if (SELF_SIGNED.has(code)) {
    return fail(
      'tls',
      `The certificate of ${host} is self-signed (${code}), so nothing vouches for it and the client refuses the connection.`,
      TRUST_FIX,
      detail,
    );
  }
  if (UNKNOWN_ISSUER.has(code)) {
    return fail(
      'tls',
      `The certificate of ${host} is signed by an authority this machine does not know, or the server leaves out its intermediate certificates (${code}).`,
      TRUST_FIX,
      detail,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return fail(
      'tls',
      `The certificate of ${host} has expired, so the client refuses the connection.`,
      'The server’s administrator must renew the certificate; until then use another host or provider.',
      detail,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const valid = certificateNames(error);
    const dnsName = valid?.match(/DNS:([^,\s]+)/)?.[1];
    return fail(
      'tls',
      `The certificate of the server is for ${valid ?? 'other names'}, not for ${transport.tls?.servername ?? host}, so the client cannot tell it from an impostor and refuses it.`,
      `Set ${names.host} to a name the certificate lists${dnsName === undefined ? '' : ` (${dnsName})`}, not an IP address or an alias.`,
      detail,
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(detail)) {
    return fail(
      'tls',
      `The client opened with a TLS handshake but ${host}:${port} answered in plaintext ("wrong version number"): the port speaks plain SMTP or STARTTLS.`,
      sentence(names.setSecurity('starttls')),
      detail,
    );
  }
  const timeout = errorTimeoutType(error);
  if (timeout === 'GREETING_TIMEOUT') {
    return fail(
      'tls',
      `${host}:${port} sent no greeting within ${seconds(timeoutMs)} ("Greeting never received"): the port expects TLS from the first byte, or the server is overloaded.`,
      `If the port is 465, ${names.setSecurity('ssl')}; otherwise raise EMAIL_TIMEOUT.`,
      detail,
    );
  }
  if (timeout === 'UPGRADE_TIMEOUT') {
    return fail(
      'tls',
      `The STARTTLS handshake with ${host}:${port} did not finish within ${seconds(timeoutMs)}: something between here and the server interferes with TLS.`,
      blockedPortFix(port),
      detail,
    );
  }
  const reply = errorReply(error);
  if (reply !== undefined) {
    return fail(
      'tls',
      `${host}:${port} refused to set up the session: "${reply}".`,
      `Check ${names.host}, ${names.port} and the TLS settings against the provider's documentation.`,
      detail,
    );
  }
  return fail(
    'tls',
    `Setting up the SMTP session with ${host}:${port} failed (${code || 'error'}).`,
    `Check ${names.host}, ${names.port} and the TLS settings against the provider's documentation.`,
    detail,
  );
}
