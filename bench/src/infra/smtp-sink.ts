/**
 * An SMTP server (smtp-server, plain SMTP on loopback) that accepts every message and keeps only
 * its Message-ID: the mail server for rows 2 and 3. @rolegate/mail/testing's server parses each
 * message with mailparser, 1–3 ms of CPU a message that would be taken from the two cores the app
 * is measured on; row 1 uses that server for its delay fault, on both sides alike.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Message-ID of every message accepted, in order ('' when a message had none). */
  readonly messageIds: string[];
  /** Each recipient of each accepted message, with performance.now() when the message was taken. */
  readonly accepted: { to: string; at: number }[];
  waitForMessages(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The Message-ID header of a raw message (nodemailer writes it on one line). */
function messageIdOf(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.toString('latin1', 0, end === -1 ? raw.length : end);
  return /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messageIds: string[] = [];
  const accepted: { to: string; at: number }[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = performance.now();
        for (const rcpt of session.envelope.rcptTo) accepted.push({ to: rcpt.address, at });
        messageIds.push(messageIdOf(Buffer.concat(chunks)));
        for (const wake of waiters) wake();
        callback(null);
      });
    },
  });
  server.on('error', () => {
    // A client that hangs up mid-session is not the sink's failure.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messageIds,
    accepted,
    waitForMessages: (count, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (messageIds.length < count) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `expected ${count} messages within ${timeoutMs} ms, got ${messageIds.length}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Messages accepted more than once, by Message-ID. */
export function duplicateMessageIds(sink: SmtpSink): number {
  return sink.messageIds.length - new Set(sink.messageIds).size;
}
