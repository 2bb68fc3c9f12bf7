import type { Deliverer } from '../deliverer.js';
import type { EmailMessage } from '../message.js';
import { renderMessage } from '../render.js';

export const MESSAGE_SEPARATOR = `${'-'.repeat(79)}\n`;

/** Opens each printed message; every line of the message follows behind CONSOLE_LINE_PREFIX. */
export const CONSOLE_MAIL_START = '--- mail, printed by the console backend and not sent ---\n';
export const CONSOLE_MAIL_END = '--- end of mail ---\n';
export const CONSOLE_LINE_PREFIX = '| ';

/**
 * Writes each message, as it would go over SMTP, to stderr (Django's console backend uses stdout).
 * stdout carries the server's JSON log lines, and a message holds text people typed: a reason with
 * a line break and a line of JSON could otherwise be read as a log record. So mail goes to the other
 * stream, and every line of it is framed and prefixed so that no line of it parses as JSON.
 */
export class ConsoleDeliverer implements Deliverer {
  constructor(private readonly stream: NodeJS.WritableStream = process.stderr) {}

  async open(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}

  async deliver(message: EmailMessage): Promise<void> {
    const raw = (await renderMessage(message)).toString('utf8').replace(/\r\n/g, '\n');
    const lines = raw.replace(/\n$/, '').split(/\r|\n/);
    const framed = lines.map((line) => `${CONSOLE_LINE_PREFIX}${line}\n`).join('');
    await new Promise<void>((resolve, reject) => {
      this.stream.write(`${CONSOLE_MAIL_START}${framed}${CONSOLE_MAIL_END}`, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
}
