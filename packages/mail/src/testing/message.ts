import { EmailMessage, type EmailMessageInit } from '../message.js';
import { settingsFor } from './settings.js';

/**
 * A plain one-recipient message for tests, with `init` over the parts a test does not care about.
 * Its settings use the dummy backend; pass `settings` where the message is sent with `send()`.
 */
export function testMessage(init: EmailMessageInit = {}): EmailMessage {
  return new EmailMessage({
    subject: 'Hello',
    body: 'Body text',
    fromEmail: 'a@rolegate.test',
    to: ['b@example.com'],
    settings: settingsFor({ backend: 'dummy' }),
    ...init,
  });
}
