import type { AppConfig } from '../env.js';
import type { QueueMailInput } from '../outbox/queue.js';
import {
  emailChangeNoticeContent,
  passwordChangedContent,
  passwordResetContent,
  verifyEmailContent,
} from './account-content.js';
import { appLink } from './format.js';
import { notificationMail } from './message.js';

type MailConfig = Pick<AppConfig, 'appUrl' | 'mail'>;

/** A link into the SPA carrying a mailed token: APP_URL/<page>?token=… */
export function tokenLink(appUrl: string, page: 'verify-email' | 'reset-password', token: string) {
  return `${appLink(appUrl, page)}?token=${encodeURIComponent(token)}`;
}

/** One mail per link: the key is the token row's id. */
export function verifyEmailMail(
  config: MailConfig,
  facts: { tokenId: string; token: string; name: string; email: string; newAddress: boolean },
  hours: number,
): QueueMailInput {
  const link = tokenLink(config.appUrl, 'verify-email', facts.token);
  return notificationMail(config.mail, {
    idempotencyKey: `account-token:${facts.tokenId}`,
    to: [{ name: facts.name, email: facts.email }],
    content: verifyEmailContent(
      { name: facts.name, link, hours, newAddress: facts.newAddress },
      config.mail.subjectPrefix,
    ),
  });
}

export function passwordResetMail(
  config: MailConfig & Pick<AppConfig, 'passwordResetMinutes'>,
  facts: { tokenId: string; token: string; email: string },
): QueueMailInput {
  const link = tokenLink(config.appUrl, 'reset-password', facts.token);
  return notificationMail(config.mail, {
    idempotencyKey: `account-token:${facts.tokenId}`,
    to: [{ name: null, email: facts.email }],
    content: passwordResetContent(
      { link, minutes: config.passwordResetMinutes },
      config.mail.subjectPrefix,
    ),
  });
}

export function passwordChangedMail(
  config: MailConfig,
  facts: { userId: string; name: string; email: string; at: Date },
): QueueMailInput {
  return notificationMail(config.mail, {
    idempotencyKey: `password-changed:${facts.userId}:${facts.at.toISOString()}`,
    to: [{ name: facts.name, email: facts.email }],
    content: passwordChangedContent(
      { name: facts.name, at: facts.at, signInLink: appLink(config.appUrl, 'forgot-password') },
      config.mail.subjectPrefix,
    ),
  });
}

/** To the old address, keyed on the new address's link: one notice per change asked for. */
export function emailChangeNoticeMail(
  config: MailConfig,
  facts: { tokenId: string; name: string; email: string; newEmail: string; at: Date },
): QueueMailInput {
  return notificationMail(config.mail, {
    idempotencyKey: `account-token:${facts.tokenId}:old-address`,
    to: [{ name: facts.name, email: facts.email }],
    content: emailChangeNoticeContent(
      { name: facts.name, newEmail: facts.newEmail, at: facts.at },
      config.mail.subjectPrefix,
    ),
  });
}
