import { ACCESS_TABLE, type Level } from '@rolegate/core';
import { html, type SafeHtml } from './html.js';

/** What a notification says, before it is addressed: one subject, a text part and an HTML part. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** An absolute link into the web app; APP_URL may carry a path prefix and a trailing slash. */
export function appLink(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** "power access" — the level as people read it in a sentence. */
export function levelPhrase(level: Level): string {
  return `${ACCESS_TABLE[level].label.toLowerCase()} access`;
}

const humanTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'full',
  timeStyle: 'long',
  timeZone: 'UTC',
});

/** Both forms of a moment: ISO for machines and grep, a sentence for people (in UTC: no guessing). */
export function formatWhen(at: Date | string): { iso: string; human: string } {
  const date = typeof at === 'string' ? new Date(at) : at;
  return { iso: date.toISOString(), human: humanTime.format(date) };
}

/** The same plain frame for every HTML mail: no remote images, no scripts, readable in any client. */
export function htmlDocument(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
${body}
<p style="color: #666; font-size: 0.9em">— Rolegate</p>
</body>
</html>
`.value;
}

/** A call-to-action link for the HTML part. */
export function button(href: string, label: string): SafeHtml {
  return html`<p><a href="${href}" style="display: inline-block; padding: 0.5em 1em; background: #1f4fd1; color: #fff; text-decoration: none; border-radius: 4px">${label}</a></p>`;
}

/** A mail's text part: the paragraphs with a blank line between them, and a final line break. */
export function textParagraphs(...paragraphs: string[]): string {
  return `${paragraphs.join('\n\n')}\n`;
}

/** The mail: the subject behind the settings' prefix, the text part, and `body` as an HTML page. */
export function mailContent(
  subjectPrefix: string,
  subject: string,
  text: string,
  body: SafeHtml,
): MailContent {
  return { subject: `${subjectPrefix}${subject}`, text, html: htmlDocument(subject, body) };
}
