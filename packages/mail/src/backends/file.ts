import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deliverer } from '../deliverer.js';
import { MailTransportError } from '../errors.js';
import type { EmailMessage } from '../message.js';
import { renderMessage } from '../render.js';
import { MESSAGE_SEPARATOR } from './console.js';

/**
 * Appends messages to one `.log` file per connection in the directory (Django's file backend:
 * a batch lands in one file, in order, separated by a line of dashes).
 */
export class FileDeliverer implements Deliverer {
  private fileName: string | null = null;

  constructor(private readonly directory: string) {}

  /** The file this connection writes to, once it has written. */
  get path(): string | null {
    return this.fileName === null ? null : join(this.directory, this.fileName);
  }

  async open(): Promise<boolean> {
    if (this.fileName !== null) return false;
    await mkdir(this.directory, { recursive: true });
    if (!(await stat(this.directory)).isDirectory()) {
      throw new MailTransportError(
        `EMAIL_FILE_PATH ${this.directory} is not a directory`,
        'ECONFIG',
      );
    }
    this.fileName = `${timestamp()}-${randomBytes(4).toString('hex')}.log`;
    return false;
  }

  async close(): Promise<void> {}

  async deliver(message: EmailMessage): Promise<void> {
    await this.open();
    const raw = (await renderMessage(message)).toString('utf8').replace(/\r\n/g, '\n');
    await appendFile(join(this.directory, this.fileName ?? ''), `${raw}\n${MESSAGE_SEPARATOR}`);
  }
}

function timestamp(): string {
  // 20260126-101500, as Django names the files.
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
