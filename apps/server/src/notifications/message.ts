import type { Executor } from '@rolegate/db';
import { type Address, EmailMessage, type MailSettings } from '@rolegate/mail';
import { type QueueMailInput, queueMail } from '../outbox/queue.js';
import type { MailContent } from './format.js';

export interface Notification {
  idempotencyKey: string;
  to: Address[];
  content: MailContent;
  /** `server`: mail to admins, from SERVER_EMAIL (Django's mail_admins); else DEFAULT_FROM_EMAIL. */
  sender?: 'default' | 'server';
}

/**
 * Addresses the content, from DEFAULT_FROM_EMAIL (SERVER_EMAIL for admins), as a text message with an HTML alternative, ready
 * to queue under its idempotency key. EmailMessage refuses CR/LF in the subject and addresses
 * (BadHeaderError): the second line of defence after the input schemas.
 */
export function notificationMail(
  settings: MailSettings,
  { idempotencyKey, to, content, sender = 'default' }: Notification,
): QueueMailInput {
  const message = new EmailMessage({
    subject: content.subject,
    body: content.text,
    fromEmail: sender === 'server' ? settings.serverEmail : settings.defaultFromEmail,
    to,
    alternatives: [{ content: content.html, mimetype: 'text/html' }],
    settings,
  });
  return { idempotencyKey, message };
}

/** Queues the notification; false when one with its key was already queued. */
export async function queueNotification(
  db: Executor,
  settings: MailSettings,
  notification: Notification,
): Promise<boolean> {
  return queueMail(db, notificationMail(settings, notification));
}
