import type { Deliverer } from '../deliverer.js';
import type { EmailMessage } from '../message.js';

/**
 * Every message sent through the memory backend, oldest first: Django's `mail.outbox`.
 * The array is never replaced, so a reference taken once stays current.
 */
export const outbox: EmailMessage[] = [];

export function clearOutbox(): void {
  outbox.length = 0;
}

export class MemoryDeliverer implements Deliverer {
  async open(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}

  async deliver(message: EmailMessage): Promise<void> {
    // A copy, as Django's deepcopy: changing the message afterwards does not rewrite history.
    outbox.push(message.clone());
  }
}
