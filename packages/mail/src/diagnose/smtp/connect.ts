import { connect, type Socket } from 'node:net';
import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, seconds } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { errorCode, errorMessage } from './errors.js';

export type Connected = { check: Check; socket: Socket | null };

/** Opens a raw TCP connection: whether anything answers at host:port at all, whatever it speaks. */
export function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    }, timeoutMs);
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      // Until a ReplyReader takes the socket over (it reports errors as a close), an error must
      // not crash the process.
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}

/** Ports to suggest when one looks blocked: the other submission ports. */
export function otherPorts(port: number): string {
  const candidates = [587, 2525, 465].filter((candidate) => candidate !== port);
  return `${candidates[0]} or ${candidates[1]}`;
}

export function blockedPortFix(port: number): string {
  return (
    `Try port ${otherPorts(port)} (ask the provider which it offers), or send through an HTTP API ` +
    `such as SendGrid's or Mailgun's, which only needs outbound HTTPS.`
  );
}

export async function checkConnect(
  transport: SmtpTransport,
  names: SettingNames,
): Promise<Connected> {
  const { host, port, timeoutMs } = transport;
  try {
    const socket = await openTcp(host, port, timeoutMs);
    return { check: pass('connect', `Connected to ${host}:${port}.`), socket };
  } catch (error) {
    const code = errorCode(error);
    const detail = errorMessage(error);
    if (code === 'ECONNREFUSED') {
      return {
        check: fail(
          'connect',
          `Nothing listens on ${host}:${port} (connection refused).`,
          `Check ${names.port} and ${names.host}: mail submission is usually 587 (STARTTLS) or 465 (implicit TLS), plain relays use 25.`,
          detail,
        ),
        socket: null,
      };
    }
    if (code === 'ETIMEDOUT') {
      return {
        check: fail(
          'connect',
          `Connecting to ${host}:${port} got no answer within ${seconds(timeoutMs)}: outbound port ${port} looks blocked by a firewall (many clouds and ISPs block 25, some also 465 and 587).`,
          blockedPortFix(port),
          detail,
        ),
        socket: null,
      };
    }
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return {
        check: fail(
          'connect',
          `There is no network route from this machine to ${host}:${port} (${code}).`,
          'Check this machine’s network and firewall rules for outbound connections.',
          detail,
        ),
        socket: null,
      };
    }
    return {
      check: fail(
        'connect',
        `Connecting to ${host}:${port} failed (${code ?? 'error'}).`,
        `Check ${names.host} and ${names.port}, and that this machine may open outbound connections.`,
        detail,
      ),
      socket: null,
    };
  }
}
