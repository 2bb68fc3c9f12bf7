import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Security, SmtpTransport } from '../transport.js';
import { type TestCertificate, testCertificate } from './certificate.js';
import { FaultState, replyError, type SmtpFaults } from './faults.js';

export interface ReceivedMessage {
  envelope: { mailFrom: string; rcptTo: string[] };
  /** The message exactly as received after DATA. */
  raw: string;
  parsed: ParsedMail;
  /** Whether the session was encrypted (STARTTLS or implicit TLS). */
  secure: boolean;
  /** The AUTH user, or null without AUTH. */
  user: string | null;
}

/** What the fixture saw, in order: lets a test check commands that sent nothing (diagnostics). */
export interface SmtpEvent {
  type: 'auth' | 'mailFrom' | 'rcptTo' | 'data';
  value: string;
  /** The reply code given: 235/250 when accepted. */
  code: number;
}

export interface StartSmtpServerOptions {
  /** none: plain only; starttls: offers STARTTLS; ssl: TLS from the first byte. Default none. */
  security?: Security;
  /** Require AUTH with these credentials. Without it, AUTH is not offered. */
  auth?: { user: string; pass: string };
  faults?: SmtpFaults;
  /** The certificate to present; default the shared one for localhost and 127.0.0.1. */
  certificate?: TestCertificate;
}

export interface TestSmtpServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  /** PEM of the self-signed certificate the server presents (CN/SAN localhost, 127.0.0.1). */
  readonly ca: string;
  /** A transport for this server, trusting its certificate; `overrides` win. */
  transport(overrides?: Partial<SmtpTransport>): SmtpTransport;
  readonly received: ReceivedMessage[];
  readonly events: SmtpEvent[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  setFaults(faults: SmtpFaults): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 and a free port, with switchable faults. */
export async function startSmtpServer(
  options: StartSmtpServerOptions = {},
): Promise<TestSmtpServer> {
  const security = options.security ?? 'none';
  const certificate = options.certificate ?? (await testCertificate());
  const faults = new FaultState();
  faults.set(options.faults ?? {});
  const received: ReceivedMessage[] = [];
  const events: SmtpEvent[] = [];
  const waiters = new Set<() => void>();
  let connections = 0;

  const server = new SMTPServer({
    secure: security === 'ssl',
    key: certificate.key,
    cert: certificate.cert,
    disabledCommands: [
      ...(security === 'none' ? ['STARTTLS'] : []),
      ...(options.auth ? [] : ['AUTH']),
    ],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    hideENHANCEDSTATUSCODES: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 50,
    onConnect(_session, callback) {
      // Holding the callback is how smtp-server stays silent: no greeting until it is called.
      if (!faults.current.neverGreet) callback();
    },
    onAuth(auth, _session, callback) {
      const fault = faults.fire('auth');
      const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
      const refusal = fault ?? (ok ? null : { code: 535 });
      events.push({ type: 'auth', value: auth.username ?? '', code: refusal?.code ?? 235 });
      if (refusal) return callback(replyError(refusal));
      callback(null, { user: auth.username });
    },
    onMailFrom(address, _session, callback) {
      const fault = faults.fire('mailFrom');
      events.push({ type: 'mailFrom', value: address.address, code: fault?.code ?? 250 });
      const reply = () => callback(fault ? replyError(fault) : null);
      const delayMs = faults.current.mailFromDelayMs ?? 0;
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    },
    onRcptTo(address, session, callback) {
      if (faults.current.dropAtRcptTo) {
        for (const connection of server.connections) {
          if (connection.id === session.id) connection._socket.destroy();
        }
        return;
      }
      const fault = faults.fire('rcptTo', address.address);
      events.push({ type: 'rcptTo', value: address.address, code: fault?.code ?? 250 });
      callback(fault ? replyError(fault) : null);
    },
    onData(stream, session, callback) {
      receive(stream, session)
        .then((message) => {
          const fault = faults.fire('data');
          events.push({
            type: 'data',
            value: message?.parsed.messageId ?? '',
            code: fault?.code ?? 250,
          });
          if (message === null) return; // connection dropped on purpose: no reply at all
          if (fault) return callback(replyError(fault));
          if (faults.hangAfterData()) {
            received.push(message);
            for (const wake of waiters) wake();
            return; // taken, but the reply never comes
          }
          received.push(message);
          for (const wake of waiters) wake();
          callback(null);
        })
        .catch((error: Error) => callback(error));
    },
  });

  async function receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<ReceivedMessage | null> {
    if (faults.current.dropDuringData) {
      await new Promise((resolve) => stream.once('data', resolve));
      for (const connection of server.connections) {
        if (connection.id === session.id) connection._socket.destroy();
      }
      stream.resume();
      return null;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const delayMs = faults.current.delayMs ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const raw = Buffer.concat(chunks).toString('utf8');
    return {
      envelope: {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      },
      raw,
      parsed: await simpleParser(raw),
      secure: session.secure,
      user: typeof session.user === 'string' ? session.user : null,
    };
  }

  server.server.on('connection', () => {
    connections++;
  });
  server.on('error', () => {
    // Clients that vanish mid-session (the point of several tests) are not fixture failures.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const close = async () => {
    // Destroy the topmost socket of each session (the TLS one when there is TLS): tearing a TLS
    // socket down from below mid-handshake aborts Node. smtp-server ends the sockets it still
    // holds in a handshake itself.
    for (const connection of server.connections) connection._socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    host: '127.0.0.1',
    port,
    security,
    ca: certificate.cert,
    transport: (overrides = {}) => ({
      backend: 'smtp',
      host: '127.0.0.1',
      port,
      username: options.auth?.user ?? null,
      password: options.auth?.pass ?? null,
      security,
      timeoutMs: 5000,
      sslCertfile: null,
      sslKeyfile: null,
      tls: { ca: certificate.cert, servername: 'localhost' },
      ...overrides,
    }),
    received,
    events,
    get connections() {
      return connections;
    },
    waitForMessages: (count, timeoutMs = 5000) =>
      new Promise<ReceivedMessage[]>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          cleanup();
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`expected ${count} messages within ${timeoutMs} ms, got ${received.length}`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    setFaults: (next) => faults.set(next),
    close,
    [Symbol.asyncDispose]: close,
  };
}
