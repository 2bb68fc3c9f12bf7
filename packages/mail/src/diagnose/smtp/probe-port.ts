import { isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { SmtpTransport } from '../../transport.js';
import { seconds } from '../check.js';
import { openTcp } from './connect.js';
import { errorCode, errorMessage } from './errors.js';
import { ReplyReader, writeCommand } from './reply-reader.js';

/** What a port really speaks, found without trusting the settings. */
export type PortMode =
  | { kind: 'plain'; greeting: string; ehlo: string; starttls: boolean; slowGreeting: boolean }
  | { kind: 'implicit-tls'; greeting: string | null }
  | { kind: 'refusing'; reply: string }
  | { kind: 'closed'; received: string }
  /** `detail` names what went unanswered: the greeting, then the TLS handshake tried after it. */
  | { kind: 'silent'; detail: string }
  | { kind: 'not-smtp'; received: string };

/**
 * How long to wait for a plaintext greeting before trying TLS. Submission servers greet at once
 * (smtp-server after ~100 ms); talking first would trip the early-talker checks of port-25 servers
 * such as postscreen, so the probe waits before it sends a TLS ClientHello.
 */
const GREETING_WAIT_MS = 1500;

export async function probePort(socket: Socket, transport: SmtpTransport): Promise<PortMode> {
  const reader = new ReplyReader(socket);
  const greetingWaitMs = Math.min(GREETING_WAIT_MS, transport.timeoutMs);
  const first = await reader.next(greetingWaitMs);
  if (first.kind === 'reply') return afterGreeting(socket, reader, first.text, transport, false);
  socket.destroy();
  if (first.kind === 'closed') {
    return /^[45]\d\d/.test(first.received)
      ? { kind: 'refusing', reply: first.received }
      : { kind: 'closed', received: first.received };
  }
  if (reader.pending !== '') return { kind: 'not-smtp', received: reader.pending };
  return probeImplicitTls(transport, greetingWaitMs);
}

async function afterGreeting(
  socket: Socket,
  reader: ReplyReader,
  greeting: string,
  transport: SmtpTransport,
  slowGreeting: boolean,
): Promise<PortMode> {
  try {
    if (/^[45]\d\d/.test(greeting)) return { kind: 'refusing', reply: greeting };
    if (!greeting.startsWith('220')) return { kind: 'not-smtp', received: greeting };
    writeCommand(socket, `EHLO ${clientName(socket)}`);
    const ehlo = await reader.next(transport.timeoutMs);
    writeCommand(socket, 'QUIT');
    const text = ehlo.kind === 'reply' ? ehlo.text : '';
    return {
      kind: 'plain',
      greeting,
      ehlo: text,
      starttls: /^250[ -]STARTTLS\b/im.test(text),
      slowGreeting,
    };
  } finally {
    socket.end();
  }
}

async function probeImplicitTls(
  transport: SmtpTransport,
  greetingWaitMs: number,
): Promise<PortMode> {
  const { host, port, timeoutMs } = transport;
  // Only the mode is probed here, so any certificate will do; the real client checks it later.
  const tlsSocket = connectTls({
    host,
    port,
    servername: isIP(host) ? undefined : (transport.tls?.servername ?? host),
    rejectUnauthorized: false,
  });
  const reader = new ReplyReader(tlsSocket);
  const handshake = await new Promise<Error | null>((resolve) => {
    const timer = setTimeout(
      () =>
        resolve(
          Object.assign(
            new Error(
              `no SMTP greeting within ${seconds(greetingWaitMs)}, and no answer to a TLS handshake within ${seconds(timeoutMs)} after it`,
            ),
            { code: 'ETIMEDOUT' },
          ),
        ),
      timeoutMs,
    );
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(null);
    });
    tlsSocket.once('error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
  if (handshake === null) {
    const greeting = await reader.next(timeoutMs);
    writeCommand(tlsSocket, 'QUIT');
    tlsSocket.end();
    return { kind: 'implicit-tls', greeting: greeting.kind === 'reply' ? greeting.text : null };
  }
  tlsSocket.destroy();
  if (answeredInPlaintext(handshake)) return probeSlowPlaintext(transport);
  const answer =
    errorCode(handshake) === 'ETIMEDOUT'
      ? errorMessage(handshake)
      : `no SMTP greeting within ${seconds(greetingWaitMs)}, and the TLS handshake tried after it failed: ${errorMessage(handshake)}`;
  return { kind: 'silent', detail: answer };
}

/** OpenSSL's words for "the server answered the ClientHello with text", e.g. a late "220". */
function answeredInPlaintext(error: Error): boolean {
  const code = errorCode(error) ?? '';
  return (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    /wrong version number|packet length too long|unknown protocol/i.test(error.message)
  );
}

/** A server that greets later than GREETING_WAIT_MS still speaks plaintext: wait the full timeout. */
async function probeSlowPlaintext(transport: SmtpTransport): Promise<PortMode> {
  const socket = await openTcp(transport.host, transport.port, transport.timeoutMs).catch(
    () => null,
  );
  if (socket === null)
    return { kind: 'silent', detail: 'the server stopped accepting connections' };
  const reader = new ReplyReader(socket);
  const first = await reader.next(transport.timeoutMs);
  if (first.kind === 'reply') return afterGreeting(socket, reader, first.text, transport, true);
  socket.destroy();
  return {
    kind: 'silent',
    detail: `no SMTP greeting within ${seconds(transport.timeoutMs)} on a second connection, although the TLS handshake was answered in plaintext`,
  };
}

/** EHLO wants this host's name or address literal; the local address is always at hand. */
function clientName(socket: Socket): string {
  const address = socket.localAddress ?? '127.0.0.1';
  return isIP(address) === 6 ? `[IPv6:${address}]` : `[${address}]`;
}
