import { ACCESS_TABLE } from '@rolegate/core';
import { appLink, formatWhen, htmlDocument, type MailContent } from './format.js';
import { html } from './html.js';
import type { DecisionLinks, LevelRequestFacts } from './level-request-content.js';

export interface DigestItem extends LevelRequestFacts {
  links: DecisionLinks;
}

/**
 * The daily digest for an admin who chose it: every request that waits, oldest first, each with
 * the admin's own approve/deny links; `more` counts the ones left out (see them in the panel).
 * Names and reasons were typed by the people asking: the HTML part gets them only through `html`.
 */
export function digestContent(
  items: DigestItem[],
  more: number,
  { appUrl, subjectPrefix }: { appUrl: string; subjectPrefix: string },
): MailContent {
  const total = items.length + more;
  const title = `${total} level ${total === 1 ? 'request waits' : 'requests wait'} for a decision`;
  const panel = appLink(appUrl, 'admin/');
  const until = items[0] ? formatWhen(items[0].links.expiresAt).human : '';

  const text = [
    `${title}:`,
    '',
    ...items.flatMap(({ request, user, links }) => [
      `- ${user.name} (${user.email}) asks for ${ACCESS_TABLE[request.requestedRole].label}, since ${formatWhen(request.createdAt).human}`,
      `  Reason: ${request.reason?.trim() || '(none given)'}`,
      `  Approve: ${links.approve}`,
      `  Deny: ${links.deny}`,
      '',
    ]),
    ...(more > 0 ? [`…and ${more} more.`, ''] : []),
    `Each link opens a page that asks you to confirm; they work until ${until}.`,
    `All requests: ${panel}`,
    '',
    'You get this digest once a day because you chose it; change that under your account.',
    '',
  ].join('\n');

  const body = html`<p><strong>${title}</strong>.</p>
<ul>
${items.map(
  ({
    request,
    user,
    links,
  }) => html`<li><p><strong>${user.name}</strong> (${user.email}) asks for <strong>${ACCESS_TABLE[request.requestedRole].label}</strong>, since ${formatWhen(request.createdAt).human}.<br>
<span style="white-space: pre-wrap">Reason: ${request.reason?.trim() || html`<em>none given</em>`}</span><br>
<a href="${links.approve}">Approve</a> · <a href="${links.deny}">Deny</a></p></li>
`,
)}</ul>
${more > 0 ? html`<p>…and ${more} more.</p>` : ''}
<p style="font-size: 0.9em">Each link opens a page that asks you to confirm; they work until ${until}. <a href="${panel}">See all requests in the admin panel</a>.</p>
<p style="font-size: 0.9em">You get this digest once a day because you chose it; change that under your account.</p>`;

  return { subject: `${subjectPrefix}${title}`, text, html: htmlDocument(title, body) };
}
