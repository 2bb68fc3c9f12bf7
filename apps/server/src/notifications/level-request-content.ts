import { ACCESS_TABLE, type Level } from '@rolegate/core';
import {
  appLink,
  button,
  formatWhen,
  htmlDocument,
  levelPhrase,
  type MailContent,
} from './format.js';
import { html } from './html.js';

/** What the admins' notification needs to know about a request; db rows satisfy it. */
export interface LevelRequestFacts {
  request: { id: string; requestedRole: Level; reason: string | null; createdAt: Date | string };
  /** `role`: the level the person works at while the request waits. */
  user: { name: string; email: string; role?: Level };
}

/** The link an admin follows to decide: APP_URL/admin/requests/<id>. */
export function requestLink(appUrl: string, requestId: string): string {
  return appLink(appUrl, `admin/requests/${encodeURIComponent(requestId)}`);
}

/**
 * "Ada Lovelace asks for power access": who, their email, the level and what it allows, the reason
 * they gave, when, and the link to the request. Name, email and reason were typed by the person:
 * the HTML part gets them only through `html`, which escapes them.
 */
export function levelRequestContent(
  { request, user }: LevelRequestFacts,
  { appUrl, subjectPrefix }: { appUrl: string; subjectPrefix: string },
): MailContent {
  const level = ACCESS_TABLE[request.requestedRole];
  const when = formatWhen(request.createdAt);
  const link = requestLink(appUrl, request.id);
  const reason = request.reason?.trim() ? request.reason.trim() : null;
  const meanwhile = user.role
    ? `Until an admin decides, they work as ${ACCESS_TABLE[user.role].label.toLowerCase()}.`
    : '';

  const text = [
    `${user.name} (${user.email}) asks for ${levelPhrase(request.requestedRole)}.`,
    '',
    `Level asked for: ${level.label} — ${level.summary}`,
    `Reason: ${reason ?? '(none given)'}`,
    `Asked at: ${when.human} (${when.iso})`,
    ...(meanwhile ? ['', meanwhile] : []),
    '',
    `Approve or deny it here: ${link}`,
    '',
  ].join('\n');

  const body = html`<p><strong>${user.name}</strong> (<a href="mailto:${user.email}">${user.email}</a>) asks for <strong>${levelPhrase(request.requestedRole)}</strong>.</p>
<table cellpadding="4" style="border-collapse: collapse">
<tr><th align="left">Level asked for</th><td>${level.label} — ${level.summary}</td></tr>
<tr><th align="left" valign="top">Reason</th><td style="white-space: pre-wrap">${reason ?? html`<em>none given</em>`}</td></tr>
<tr><th align="left">Asked at</th><td><time datetime="${when.iso}">${when.human}</time></td></tr>
</table>
${meanwhile ? html`<p>${meanwhile}</p>` : ''}
${button(link, 'Review the request')}
<p style="font-size: 0.9em">Or open ${link}</p>`;

  return {
    subject: `${subjectPrefix}${user.name} asks for ${levelPhrase(request.requestedRole)}`,
    text,
    html: htmlDocument(`${user.name} asks for ${levelPhrase(request.requestedRole)}`, body),
  };
}
