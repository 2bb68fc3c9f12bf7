import { MailDeliveryUncertainError, MailFailoverError } from './errors.js';
import type { EmailMessage } from './message.js';
import { isUnreachable } from './network-failure.js';

/** What a backend does: hold a connection (or file, or nothing) and deliver one message over it. */
export interface Deliverer {
  /** Opens if needed; true when this call opened it (Django's `open()` contract). */
  open(): Promise<boolean>;
  close(): Promise<void>;
  deliver(message: EmailMessage): Promise<void>;
}

/**
 * Django's connection: `open()`, `close()`, `sendMessages()`; `await using` closes it. While open,
 * a failover transport that could not be reached is not tried again until close().
 */
export interface MailConnection extends AsyncDisposable {
  readonly failSilently: boolean;
  open(): Promise<boolean>;
  close(): Promise<void>;
  /** Resolves to the number of messages sent. With failSilently, failed messages are skipped. */
  sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

/**
 * A connection over one deliverer, or several for failover: each message goes to the first
 * deliverer that takes it. Failover happens only while the message cannot have been accepted
 * (connection, TLS, login, MAIL FROM, RCPT TO, DATA, or a drop before the final `.`); once it was
 * all sent and the reply got lost, the message stays with this deliverer (a later retry). A deliverer that cannot even connect is skipped for the rest of the
 * batch; one that cannot be reached at all (refused, silent, unroutable) is skipped, while the
 * connection is open, on every later call too: the outbox sends one message per call, and a main
 * server that swallows packets must cost one timeout per open connection, not one per message.
 * close() forgets, so the next open() tries every deliverer again.
 */
export class Connection implements MailConnection {
  // One SMTP session cannot carry two transactions at once: calls on one connection take turns,
  // as Django's SMTP backend holds a lock around send_messages.
  private turn: Promise<unknown> = Promise.resolve();
  /** Set by a successful open(), cleared by close(): only an open connection remembers. */
  private isOpen = false;
  /** Deliverers found unreachable since open(), with the error that showed it. */
  private readonly unreachable = new Map<Deliverer, unknown>();

  constructor(
    private readonly deliverers: readonly Deliverer[],
    readonly failSilently = false,
  ) {}

  async open(): Promise<boolean> {
    const errors: unknown[] = [];
    for (const deliverer of this.deliverers) {
      if (this.unreachable.has(deliverer)) {
        errors.push(this.unreachable.get(deliverer));
        continue;
      }
      try {
        const openedNow = await deliverer.open();
        this.isOpen = true;
        return openedNow;
      } catch (error) {
        if (isUnreachable(error)) this.unreachable.set(deliverer, error);
        errors.push(error);
      }
    }
    // Never opened: nothing to remember, the next open() tries them all again (Django's contract).
    if (!this.isOpen) this.unreachable.clear();
    if (this.failSilently) return false;
    throw combine(errors);
  }

  async close(): Promise<void> {
    this.isOpen = false;
    this.unreachable.clear();
    await Promise.all(this.deliverers.map((deliverer) => deliverer.close()));
  }

  sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    const result = this.turn.then(() => this.sendInTurn(messages));
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async sendInTurn(messages: readonly EmailMessage[]): Promise<number> {
    const pending = messages.filter((message) => message.recipients().length > 0);
    // Render every message first: a header injection in message 5 must not leave 1-4 sent.
    for (const message of pending) message.message();
    if (pending.length === 0) return 0;

    // Without open(), this call opens what it needs and closes it again (Django's send_messages).
    const openedHere = new Set<Deliverer>();
    const failedToOpen = new Map(this.unreachable);
    let sent = 0;
    try {
      for (const message of pending) {
        const errors: unknown[] = [];
        let delivered = false;
        for (const deliverer of this.deliverers) {
          if (failedToOpen.has(deliverer)) {
            errors.push(failedToOpen.get(deliverer));
            continue;
          }
          try {
            if ((await deliverer.open()) && !this.isOpen) openedHere.add(deliverer);
          } catch (error) {
            failedToOpen.set(deliverer, error);
            if (this.isOpen && isUnreachable(error)) this.unreachable.set(deliverer, error);
            errors.push(error);
            continue;
          }
          try {
            await deliverer.deliver(message);
            delivered = true;
            break;
          } catch (error) {
            errors.push(error);
            // It may have been delivered: another mailer could make it twice. Only this one error.
            if (error instanceof MailDeliveryUncertainError) {
              errors.splice(0, errors.length - 1);
              break;
            }
          }
        }
        if (delivered) sent++;
        else if (!this.failSilently) throw combine(errors);
      }
    } finally {
      await Promise.all([...openedHere].map((deliverer) => deliverer.close()));
    }
    return sent;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function combine(errors: readonly unknown[]): unknown {
  return errors.length === 1 ? errors[0] : new MailFailoverError(errors);
}
