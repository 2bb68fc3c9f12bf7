import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { envelopeAddress } from '../address.js';
import type { Deliverer } from '../deliverer.js';
import { MailDeliveryUncertainError, MailTransportError } from '../errors.js';
import type { EmailMessage } from '../message.js';
import { renderMessage } from '../render.js';
import { smtpConnectionOptions } from '../smtp-connection-options.js';
import type { SmtpTransport } from '../transport.js';

interface SmtpFailure extends Error {
  code?: string | undefined;
  responseCode?: number | undefined;
}

/**
 * One SMTP session, opened on demand and reused for every message until closed (Django's
 * `send_messages` over one `smtplib` connection). Built on nodemailer's SMTPConnection rather
 * than its transporter so that open/close are real and a batch uses exactly one connection.
 */
export class SmtpDeliverer implements Deliverer {
  private session: SMTPConnection | null = null;

  constructor(private readonly transport: SmtpTransport) {}

  async open(): Promise<boolean> {
    if (this.session !== null && !this.session.destroyed) return false;
    this.session = await connect(this.transport);
    return true;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session === null || session.destroyed) return;
    await new Promise<void>((resolve) => {
      // A half-dead socket may never confirm the QUIT; do not let close() hang on it.
      const timer = setTimeout(() => {
        session.close();
        resolve();
      }, this.transport.timeoutMs);
      timer.unref();
      session.once('end', () => {
        clearTimeout(timer);
        resolve();
      });
      session.quit();
    });
  }

  async deliver(message: EmailMessage): Promise<void> {
    const session = this.session;
    if (session === null)
      throw new MailTransportError('SMTP connection is not open', 'ECONNECTION');
    const raw = await renderMessage(message);
    const envelope = { from: envelopeAddress(message.fromEmail), to: message.recipients() };
    // The body as a stream, to know whether it was all handed over: until then the server cannot
    // have accepted the message (no final `.`), after it a lost reply leaves that open.
    const body = Readable.from(pieces(raw, BODY_PIECE_BYTES));
    let handedOver = false;
    body.once('end', () => {
      handedOver = true;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        session.send({ ...envelope, size: raw.length }, body, (error) =>
          error ? reject(error) : resolve(),
        );
      });
    } catch (error) {
      await this.recover(session, error as SmtpFailure);
      if (handedOver && typeof (error as SmtpFailure).responseCode !== 'number') {
        throw new MailDeliveryUncertainError(error);
      }
      throw error;
    }
  }

  /** After a refused message the session is still good (RSET it); after anything else drop it. */
  private async recover(session: SMTPConnection, error: SmtpFailure): Promise<void> {
    const refusedMessage =
      (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && error.responseCode !== 421;
    if (refusedMessage && !session.destroyed) {
      const reset = await new Promise<boolean>((resolve) => session.reset((err) => resolve(!err)));
      if (reset) return;
    }
    if (this.session === session) this.session = null;
    session.close();
  }
}

/** Handing the body over in pieces lets the socket's back-pressure hold the rest back. */
const BODY_PIECE_BYTES = 64 * 1024;

function* pieces(raw: Buffer, size: number): Generator<Buffer> {
  for (let start = 0; start < raw.length; start += size) yield raw.subarray(start, start + size);
}

async function connect(transport: SmtpTransport): Promise<SMTPConnection> {
  const session = new SMTPConnection(await smtpConnectionOptions(transport));
  return new Promise<SMTPConnection>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      session.close();
      reject(error);
    };
    // Kept for the session's lifetime: an 'error' event without a listener would crash the process.
    // Errors during a send also reach the send callback, which decides what they mean.
    session.on('error', fail);
    session.once('end', () =>
      fail(
        new MailTransportError(
          'connection closed before the SMTP session was ready',
          'ECONNECTION',
        ),
      ),
    );
    session.connect((error) => {
      if (error) return fail(error);
      const { username, password } = transport;
      if (username === null) {
        settled = true;
        return resolve(session);
      }
      if (!session.allowsAuth) {
        return fail(
          new MailTransportError(
            `${transport.host}:${transport.port} does not offer AUTH${transport.security === 'none' ? ' on an unencrypted connection (most servers offer it only after STARTTLS: set EMAIL_USE_TLS=true)' : ''}, but a user name is configured`,
            'ENOAUTH',
          ),
        );
      }
      session.login({ user: username, pass: password ?? '' }, (loginError) => {
        if (loginError) return fail(loginError);
        settled = true;
        resolve(session);
      });
    });
  });
}
