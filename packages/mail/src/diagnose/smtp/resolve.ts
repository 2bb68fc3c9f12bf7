import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, seconds } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { errorCode, errorMessage, withTimeout } from './errors.js';

export async function checkResolve(transport: SmtpTransport, names: SettingNames): Promise<Check> {
  const { host, timeoutMs } = transport;
  if (isIP(host))
    return pass('resolve', `${host} is an IP address, so there is nothing to resolve.`);
  try {
    const found = await withTimeout(lookup(host, { all: true }), timeoutMs);
    if (found === 'timeout') {
      return fail(
        'resolve',
        `Looking up ${host} took longer than ${seconds(timeoutMs)}: this machine's DNS resolver is not answering.`,
        'Check the DNS servers this machine uses (/etc/resolv.conf, or the container’s DNS settings).',
      );
    }
    const addresses = found.map((entry) => entry.address).join(', ');
    return pass('resolve', `${host} resolves to ${addresses}.`);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTFOUND' || code === 'ENODATA') {
      return fail(
        'resolve',
        `The host ${host} does not resolve (${code}): no DNS name by that spelling exists.`,
        `Check ${names.host} for a typo; it should be your provider's SMTP host, such as smtp.gmail.com.`,
        errorMessage(error),
      );
    }
    return fail(
      'resolve',
      `Looking up ${host} failed (${code ?? 'error'}): this machine's DNS is not working right now.`,
      'Check the DNS servers this machine uses and try again.',
      errorMessage(error),
    );
  }
}
