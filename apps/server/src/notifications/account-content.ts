import { button, formatWhen, type MailContent, mailContent, textParagraphs } from './format.js';
import { html } from './html.js';

/**
 * The mails about a person's own account. Links carry a secret token: the text part shows them in
 * full (plain-text readers need them), and nothing else in the server ever writes them down.
 */

export function verifyEmailContent(
  facts: { name: string; link: string; hours: number; newAddress: boolean },
  subjectPrefix: string,
): MailContent {
  const subject = facts.newAddress
    ? 'Confirm your new email address'
    : 'Confirm your email address';
  const why = facts.newAddress
    ? 'You asked to use this address for your Rolegate account. Follow the link to confirm it; your address changes only then.'
    : 'Welcome to Rolegate. Follow the link to confirm this is your address; your account works fully once you have.';
  const text = textParagraphs(
    `Hello ${facts.name},`,
    why,
    facts.link,
    `The link works once, for ${facts.hours} hours. If you did not ask for this, ignore this mail.`,
  );
  const body = html`<p>Hello ${facts.name},</p>
<p>${why}</p>
${button(facts.link, 'Confirm the address')}
<p style="font-size: 0.9em">The link works once, for ${facts.hours} hours. If you did not ask for this, ignore this mail.</p>`;
  return mailContent(subjectPrefix, subject, text, body);
}

/** No name: the same mail is built whether or not the address has an account (see password-reset). */
export function passwordResetContent(
  facts: { link: string; minutes: number },
  subjectPrefix: string,
): MailContent {
  const subject = 'Reset your password';
  const text = textParagraphs(
    'Someone asked to reset the password of the Rolegate account with this address.',
    `To choose a new password, follow this link:\n${facts.link}`,
    `It works once, for ${facts.minutes} minutes, and a newer request replaces it. If it was not you, ignore this mail: your password stays as it is.`,
  );
  const body = html`<p>Someone asked to reset the password of the Rolegate account with this address.</p>
${button(facts.link, 'Choose a new password')}
<p style="font-size: 0.9em">The link works once, for ${facts.minutes} minutes, and a newer request replaces it. If it was not you, ignore this mail: your password stays as it is.</p>`;
  return mailContent(subjectPrefix, subject, text, body);
}

export function passwordChangedContent(
  facts: { name: string; at: Date; signInLink: string },
  subjectPrefix: string,
): MailContent {
  const subject = 'Your password was changed';
  const when = formatWhen(facts.at);
  const text = textParagraphs(
    `Hello ${facts.name},`,
    `The password of your Rolegate account was changed on ${when.human}; your other sessions were signed out.`,
    `If this was not you, reset your password now: ${facts.signInLink}`,
  );
  const body = html`<p>Hello ${facts.name},</p>
<p>The password of your Rolegate account was changed on <time datetime="${when.iso}">${when.human}</time>; your other sessions were signed out.</p>
<p>If this was not you, reset your password now.</p>
${button(facts.signInLink, 'Reset my password')}`;
  return mailContent(subjectPrefix, subject, text, body);
}

export function emailChangeNoticeContent(
  facts: { name: string; newEmail: string; at: Date },
  subjectPrefix: string,
): MailContent {
  const subject = 'Your email address is being changed';
  const when = formatWhen(facts.at);
  const text = textParagraphs(
    `Hello ${facts.name},`,
    `On ${when.human} someone signed in to your Rolegate account asked to change its address to ${facts.newEmail}. It changes once a link mailed there is followed.`,
    'If this was not you, change your password now: your account is not safe.',
  );
  const body = html`<p>Hello ${facts.name},</p>
<p>On <time datetime="${when.iso}">${when.human}</time> someone signed in to your Rolegate account asked to change its address to <strong>${facts.newEmail}</strong>. It changes once a link mailed there is followed.</p>
<p>If this was not you, change your password now: your account is not safe.</p>`;
  return mailContent(subjectPrefix, subject, text, body);
}
