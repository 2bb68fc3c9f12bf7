import { MailFailoverError } from './errors.js';
import type { EmailMessage } from './message.js';

/** What a backend does: hold a connection (or file, or nothing) and deliver one message over it. */
export interface Deliverer {
  /** Opens if needed; true when this call opened it (Django's `open()` contract). */
  open(): Promise<boolean>;
  close(): Promise<void>;
  deliver(message: EmailMessage): Promise<void>;
}

/** Django's connection: `open()`, `close()`, `sendMessages()`; `await using` closes it. */
export interface MailConnection extends AsyncDisposable {
  readonly failSilently: boolean;
  open(): Promise<boolean>;
  close(): Promise<void>;
  /** Resolves to the number of messages sent. With failSilently, failed messages are skipped. */
  sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

/**
 * A connection over one deliverer, or several for failover: each message goes to the first
 * deliverer that takes it. A deliverer that cannot even connect is skipped for the rest of the
 * batch, so a dead main server costs one timeout per batch, not one per message.
 */
export class Connection implements MailConnection {
  // One SMTP session cannot carry two transactions at once: calls on one connection take turns,
  // as Django's SMTP backend holds a lock around send_messages.
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deliverers: readonly Deliverer[],
    readonly failSilently = false,
  ) {}

  async open(): Promise<boolean> {
    const errors: unknown[] = [];
    for (const deliverer of this.deliverers) {
      try {
        return await deliverer.open();
      } catch (error) {
        errors.push(error);
      }
    }
    if (this.failSilently) return false;
    throw combine(errors);
  }

  async close(): Promise<void> {
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

    const openedHere = new Set<Deliverer>();
    const unreachable = new Map<Deliverer, unknown>();
    let sent = 0;
    try {
      for (const message of pending) {
        const errors: unknown[] = [];
        let delivered = false;
        for (const deliverer of this.deliverers) {
          if (unreachable.has(deliverer)) {
            errors.push(unreachable.get(deliverer));
            continue;
          }
          try {
            if (await deliverer.open()) openedHere.add(deliverer);
          } catch (error) {
            unreachable.set(deliverer, error);
            errors.push(error);
            continue;
          }
          try {
            await deliverer.deliver(message);
            delivered = true;
            break;
          } catch (error) {
            errors.push(error);
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
