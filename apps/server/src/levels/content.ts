/**
 * What the person is told when their level changes after the decision: an admin set it, a
 * time-limited level ends in three days, it ended; and when an admin makes them an admin or takes
 * that away. Names and reasons are escaped in the HTML part.
 */
import type { Level } from '@rolegate/core';
import {
  appLink,
  button,
  formatWhen,
  levelPhrase,
  type MailContent,
  mailContent,
  textParagraphs,
} from '../notifications/format.js';
import { html } from '../notifications/html.js';

interface Person {
  name: string;
}

export function levelSetContent(
  facts: {
    user: Person;
    role: Level;
    before: Level;
    reason: string | null;
    expiresAt: Date | null;
    beforeGrant: Level | null;
  },
  config: { appUrl: string; subjectPrefix: string },
): MailContent {
  const level = levelPhrase(facts.role);
  const subject = `You now have ${level}`;
  const change =
    facts.role === facts.before
      ? `An admin changed how long you have ${level}.`
      : `An admin changed your level from ${levelPhrase(facts.before)} to ${level}.`;
  const until =
    facts.expiresAt === null || facts.beforeGrant === null
      ? 'It is yours until an admin changes it.'
      : `It lasts until ${formatWhen(facts.expiresAt).human}; then you return to ${levelPhrase(facts.beforeGrant)}.`;
  const reason = facts.reason ? `Their reason: ${facts.reason}` : 'No reason was given.';
  const dashboard = appLink(config.appUrl, '/');
  const text = textParagraphs(`Hello ${facts.user.name},`, change, until, reason, dashboard);
  const body = html`<p>Hello ${facts.user.name},</p>
<p>${change}</p>
<p>${until}</p>
${facts.reason ? html`<p>Their reason:</p><blockquote style="white-space: pre-wrap">${facts.reason}</blockquote>` : html`<p>No reason was given.</p>`}
${button(dashboard, 'Open Rolegate')}`;
  return mailContent(config.subjectPrefix, subject, text, body);
}

export function grantEndingContent(
  facts: { user: Person; role: Level; expiresAt: Date; beforeGrant: Level },
  config: { appUrl: string; subjectPrefix: string },
): MailContent {
  const level = levelPhrase(facts.role);
  const when = formatWhen(facts.expiresAt);
  const subject = `Your ${level} ends on ${when.human}`;
  const text = textParagraphs(
    `Hello ${facts.user.name},`,
    `Your ${level} ends on ${when.human}; you then return to ${levelPhrase(facts.beforeGrant)}.`,
    `If you still need it, ask an admin to extend it: ${appLink(config.appUrl, '/account')}`,
  );
  const body = html`<p>Hello ${facts.user.name},</p>
<p>Your <strong>${level}</strong> ends on <time datetime="${when.iso}">${when.human}</time>; you then return to ${levelPhrase(facts.beforeGrant)}.</p>
<p>If you still need it, ask an admin to extend it.</p>
${button(appLink(config.appUrl, '/account'), 'Your account')}`;
  return mailContent(config.subjectPrefix, subject, text, body);
}

export function grantEndedContent(
  facts: { user: Person; role: Level; endedAt: Date; now: Level },
  config: { appUrl: string; subjectPrefix: string },
): MailContent {
  const level = levelPhrase(facts.role);
  const when = formatWhen(facts.endedAt);
  const subject = `Your ${level} has ended`;
  const text = textParagraphs(
    `Hello ${facts.user.name},`,
    `Your ${level} ended on ${when.human}, as granted. You now have ${levelPhrase(facts.now)}.`,
    appLink(config.appUrl, '/'),
  );
  const body = html`<p>Hello ${facts.user.name},</p>
<p>Your <strong>${level}</strong> ended on <time datetime="${when.iso}">${when.human}</time>, as granted. You now have ${levelPhrase(facts.now)}.</p>
${button(appLink(config.appUrl, '/'), 'Open Rolegate')}`;
  return mailContent(config.subjectPrefix, subject, text, body);
}

/**
 * The admin flag changed. Said to the person either way, with who did it: an account made admin
 * that its owner did not expect is how a takeover would look, and they are the one who can tell.
 */
export function adminFlagContent(
  facts: { user: Person; isAdmin: boolean; by: { name: string; email: string } },
  config: { appUrl: string; subjectPrefix: string },
): MailContent {
  const subject = facts.isAdmin ? 'You are now an admin' : 'You are no longer an admin';
  const change = facts.isAdmin
    ? `${facts.by.name} (${facts.by.email}) made you an admin: you can decide level requests and change anyone's level.`
    : `${facts.by.name} (${facts.by.email}) removed your admin rights. Your level is unchanged.`;
  const unexpected = 'If you did not expect this, tell another admin.';
  const link = appLink(config.appUrl, facts.isAdmin ? '/admin' : '/');
  const text = textParagraphs(`Hello ${facts.user.name},`, change, unexpected, link);
  const body = html`<p>Hello ${facts.user.name},</p>
<p>${change}</p>
<p>${unexpected}</p>
${button(link, facts.isAdmin ? 'Open the admin panel' : 'Open Rolegate')}`;
  return mailContent(config.subjectPrefix, subject, text, body);
}
