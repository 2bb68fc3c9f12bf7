import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailMessage } from './message.js';

/** The message as RFC 822 bytes (what goes after DATA, what the console and file backends write). */
export function renderMessage(message: EmailMessage): Promise<Buffer> {
  return new MailComposer(message.message()).compile().build();
}
