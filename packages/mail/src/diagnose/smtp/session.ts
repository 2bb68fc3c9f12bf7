import SMTPConnection from 'nodemailer/lib/smtp-connection';

/** One SMTP reply, e.g. { status: 550, text: "550 5.7.60 SMTP; Client does not have …" }. */
export interface Reply {
  status: number;
  text: string;
}

export type Send = (command: string) => Promise<Reply>;

/**
 * nodemailer's public SMTPConnection API can only send a whole message: once MAIL FROM and RCPT
 * TO pass it always goes on to DATA. Its documented custom-auth hook is the one public way to send
 * commands of our own over a session it set up (TLS, certificate checks, AUTH), so the envelope
 * check runs as a "custom auth method" that sends MAIL FROM, RCPT TO and RSET and never DATA.
 */
const DIALOGUE_METHOD = 'X-ROLEGATE-ENVELOPE-CHECK';

export class SmtpSession {
  private readonly connection: SMTPConnection;
  private dialogue: ((send: Send) => Promise<void>) | null = null;
  private onFailure: ((error: Error) => void) | null = null;

  private constructor(options: SMTPConnection.Options) {
    this.connection = new SMTPConnection({
      ...options,
      customAuth: {
        [DIALOGUE_METHOD]: async (context) => {
          const send: Send = async (command) => {
            const reply = await context.sendCommand(command);
            return { status: reply.status, text: reply.response };
          };
          await this.dialogue?.(send);
        },
      },
    });
    this.connection.on('error', (error) => this.onFailure?.(error));
    this.connection.on('end', () =>
      this.onFailure?.(new Error('The server closed the connection')),
    );
  }

  /** Connects, reads the greeting, says EHLO and upgrades to TLS as the settings ask. */
  static async open(options: SMTPConnection.Options): Promise<SmtpSession> {
    const session = new SmtpSession(options);
    await session.call((done) => session.connection.connect((error) => done(error ?? null)));
    return session;
  }

  get offersAuth(): boolean {
    return this.connection.allowsAuth;
  }

  /**
   * The AUTH mechanisms the server offered after EHLO (on the encrypted connection when there is
   * one). nodemailer keeps them in a field its types leave out; it is read, never changed.
   */
  get authMechanisms(): string[] {
    const offered: unknown = Reflect.get(this.connection, '_supportedAuth');
    return Array.isArray(offered) ? offered.filter((item) => typeof item === 'string') : [];
  }

  login(user: string, pass: string): Promise<void> {
    return this.call((done) => this.connection.login({ user, pass }, (error) => done(error)));
  }

  /** Runs `talk` with a function that sends one command and resolves with the server's reply. */
  converse(talk: (send: Send) => Promise<void>): Promise<void> {
    this.dialogue = talk;
    return this.call((done) =>
      this.connection.login({ method: DIALOGUE_METHOD }, (error) => {
        this.dialogue = null;
        done(error);
      }),
    );
  }

  /** Says QUIT and waits (at most `timeoutMs`) for the server to close. */
  async close(timeoutMs: number): Promise<void> {
    if (this.connection.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.connection.once('end', () => {
        clearTimeout(timer);
        resolve();
      });
      this.connection.quit();
    });
    this.connection.close();
  }

  private call(start: (done: (error: Error | null) => void) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error: Error | null) => {
        this.onFailure = null;
        if (error) reject(error);
        else resolve();
      };
      this.onFailure = finish;
      start(finish);
    });
  }
}
