import type { Level } from '@rolegate/core';
import {
  appLink,
  button,
  formatWhen,
  htmlDocument,
  levelPhrase,
  type MailContent,
} from './format.js';
import { html } from './html.js';

export type RequestDecision = 'approved' | 'denied';

/** What the person's notification needs; db rows satisfy it. */
export interface DecisionFacts {
  request: { id: string; requestedRole: Level; decidedAt?: Date | string | null };
  user: { name: string; email: string };
  decision: RequestDecision;
  /** The admin's reason for a denial, shown to the person as written. */
  denyReason?: string | null;
  /** An approval for a while: when it ends; null or absent for good. */
  expiresAt?: Date | null;
}

/**
 * Approved: "You now have power access". Denied: says so, with the admin's reason when there is one.
 * The name and the reason are escaped in the HTML part.
 */
export function decisionContent(
  { request, user, decision, denyReason, expiresAt }: DecisionFacts,
  { appUrl }: { appUrl: string },
): MailContent {
  const level = levelPhrase(request.requestedRole);
  const when = formatWhen(request.decidedAt ?? new Date());
  const dashboard = appLink(appUrl, '/');
  const reason = denyReason?.trim() ? denyReason.trim() : null;

  if (decision === 'approved') {
    const subject = `You now have ${level}`;
    const until = expiresAt ? `It lasts until ${formatWhen(expiresAt).human}.` : null;
    const text = [
      `Hello ${user.name},`,
      '',
      `An admin approved your request: you now have ${level} (since ${when.human}).`,
      ...(until ? [until] : []),
      '',
      `Sign in to use it: ${dashboard}`,
      '',
    ].join('\n');
    const body = html`<p>Hello ${user.name},</p>
<p>An admin approved your request: you now have <strong>${level}</strong> (since <time datetime="${when.iso}">${when.human}</time>).</p>
${until ? html`<p>${until}</p>` : ''}
${button(dashboard, 'Open Rolegate')}`;
    return { subject, text, html: htmlDocument(subject, body) };
  }

  const subject = `Your request for ${level} was declined`;
  const text = [
    `Hello ${user.name},`,
    '',
    `An admin declined your request for ${level} (${when.human}).`,
    reason ? `Their reason: ${reason}` : 'No reason was given.',
    '',
    `You keep the level you have now: ${dashboard}`,
    '',
  ].join('\n');
  const body = html`<p>Hello ${user.name},</p>
<p>An admin declined your request for <strong>${level}</strong> (<time datetime="${when.iso}">${when.human}</time>).</p>
${reason ? html`<p>Their reason:</p><blockquote style="white-space: pre-wrap">${reason}</blockquote>` : html`<p>No reason was given.</p>`}
<p>You keep the level you have now.</p>
${button(dashboard, 'Open Rolegate')}`;
  return { subject, text, html: htmlDocument(subject, body) };
}
