import type { Deliverer } from '../deliverer.js';
import type { EmailMessage } from '../message.js';
import { renderMessage } from '../render.js';

export const MESSAGE_SEPARATOR = `${'-'.repeat(79)}\n`;

/** Writes each message, as it would go over SMTP, to stdout (Django's console backend). */
export class ConsoleDeliverer implements Deliverer {
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  async open(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}

  async deliver(message: EmailMessage): Promise<void> {
    const raw = (await renderMessage(message)).toString('utf8').replace(/\r\n/g, '\n');
    await new Promise<void>((resolve, reject) => {
      this.stream.write(`${raw}\n${MESSAGE_SEPARATOR}`, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
}
