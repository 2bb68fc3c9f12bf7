import { ACCESS_TABLE, type Level } from '@rolegate/core';
import {
  appLink,
  button,
  formatWhen,
  htmlDocument,
  levelPhrase,
  type MailContent,
} from './format.js';
import { html, type SafeHtml } from './html.js';

/** What the admins' notification needs to know about a request; db rows satisfy it. */
export interface LevelRequestFacts {
  request: { id: string; requestedRole: Level; reason: string | null; createdAt: Date | string };
  /** `role`: the level the person works at while the request waits. */
  user: { name: string; email: string; role?: Level };
}

/** The admin's own approve and deny links (an admin account's mail), or none (the panel only). */
export interface DecisionLinks {
  approve: string;
  deny: string;
  expiresAt: Date;
}

export interface LevelRequestMailOptions {
  appUrl: string;
  subjectPrefix: string;
  links?: DecisionLinks | null;
  /** 1 to 3 for a reminder of a request that still waits; absent for the first mail. */
  reminder?: number;
}

/** The link an admin follows to decide: APP_URL/admin/requests/<id>. */
export function requestLink(appUrl: string, requestId: string): string {
  return appLink(appUrl, `admin/requests/${encodeURIComponent(requestId)}`);
}

/**
 * "Ada Lovelace asks for power access": who, their email, the level and what it allows, the reason
 * they gave, when, and how to decide: the admin's own approve/deny links (they open a page that
 * asks to confirm, so a mail scanner following them decides nothing) and the panel link. Name,
 * email and reason were typed by the person: the HTML part gets them only through `html`.
 */
export function levelRequestContent(
  { request, user }: LevelRequestFacts,
  { appUrl, subjectPrefix, links = null, reminder }: LevelRequestMailOptions,
): MailContent {
  const level = ACCESS_TABLE[request.requestedRole];
  const when = formatWhen(request.createdAt);
  const link = requestLink(appUrl, request.id);
  const reason = request.reason?.trim() ? request.reason.trim() : null;
  const meanwhile = user.role
    ? `Until an admin decides, they work as ${ACCESS_TABLE[user.role].label.toLowerCase()}.`
    : '';
  const asks = `${user.name} asks for ${levelPhrase(request.requestedRole)}`;
  const headline = reminder === undefined ? asks : `Still waiting: ${asks}`;
  const waiting =
    reminder === undefined
      ? ''
      : `This request has waited since ${when.human} (reminder ${reminder} of 3).`;
  const linksUntil = links ? formatWhen(links.expiresAt).human : '';

  const text = [
    `${user.name} (${user.email}) asks for ${levelPhrase(request.requestedRole)}.`,
    ...(waiting ? ['', waiting] : []),
    '',
    `Level asked for: ${level.label} — ${level.summary}`,
    `Reason: ${reason ?? '(none given)'}`,
    `Asked at: ${when.human} (${when.iso})`,
    ...(meanwhile ? ['', meanwhile] : []),
    '',
    ...(links
      ? [
          `Approve: ${links.approve}`,
          `Deny: ${links.deny}`,
          `(Each opens a page that asks you to confirm; the links work until ${linksUntil}.)`,
          '',
          `Or review it in the admin panel: ${link}`,
        ]
      : [`Approve or deny it here: ${link}`]),
    '',
  ].join('\n');

  const body = html`${waiting ? html`<p><strong>${waiting}</strong></p>` : ''}
<p><strong>${user.name}</strong> (<a href="mailto:${user.email}">${user.email}</a>) asks for <strong>${levelPhrase(request.requestedRole)}</strong>.</p>
<table cellpadding="4" style="border-collapse: collapse">
<tr><th align="left">Level asked for</th><td>${level.label} — ${level.summary}</td></tr>
<tr><th align="left" valign="top">Reason</th><td style="white-space: pre-wrap">${reason ?? html`<em>none given</em>`}</td></tr>
<tr><th align="left">Asked at</th><td><time datetime="${when.iso}">${when.human}</time></td></tr>
</table>
${meanwhile ? html`<p>${meanwhile}</p>` : ''}
${links ? decisionButtons(links, linksUntil, link) : button(link, 'Review the request')}
<p style="font-size: 0.9em">Or open ${link}</p>`;

  return {
    subject: `${subjectPrefix}${headline}`,
    text,
    html: htmlDocument(headline, body),
  };
}

function decisionButtons(links: DecisionLinks, until: string, panel: string): SafeHtml {
  return html`<p><a href="${links.approve}" style="display: inline-block; padding: 0.5em 1em; background: #1d7a3a; color: #fff; text-decoration: none; border-radius: 4px">Approve</a>
<a href="${links.deny}" style="display: inline-block; padding: 0.5em 1em; background: #b3261e; color: #fff; text-decoration: none; border-radius: 4px">Deny</a></p>
<p style="font-size: 0.9em">Each opens a page that asks you to confirm. These links are yours and work until ${until}; or <a href="${panel}">review it in the admin panel</a>.</p>`;
}
