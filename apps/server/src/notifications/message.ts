import type { Executor } from '@rolegate/db';
import { type Address, EmailMessage, type MailSettings } from '@rolegate/mail';
import { queueMail } from '../outbox/queue.js';
import type { MailContent } from './format.js';

/**
 * Addresses the content, from DEFAULT_FROM_EMAIL, as a text message with an HTML alternative, and
 * queues it under `idempotencyKey`. EmailMessage refuses CR/LF in the subject and addresses
 * (BadHeaderError): the second line of defence after the input schemas.
 */
export async function queueNotification(
  db: Executor,
  settings: MailSettings,
  { idempotencyKey, to, content }: { idempotencyKey: string; to: Address[]; content: MailContent },
): Promise<boolean> {
  const message = new EmailMessage({
    subject: content.subject,
    body: content.text,
    fromEmail: settings.defaultFromEmail,
    to,
    alternatives: [{ content: content.html, mimetype: 'text/html' }],
    settings,
  });
  return queueMail(db, { idempotencyKey, message });
}
