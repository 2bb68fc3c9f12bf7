import { appLink, button, formatWhen, htmlDocument, type MailContent } from './format.js';
import { html } from './html.js';

export type ProposalOutcome = 'accepted' | 'rejected' | 'withdrawn';

/** What the author's notification needs; the proposal row and the decider's name satisfy it. */
export interface ProposalOutcomeFacts {
  proposal: { id: string; title: string; decidedAt: Date | string };
  author: { name: string; email: string };
  outcome: ProposalOutcome;
  /** Who decided; for `withdrawn`, who deleted the entry. */
  deciderName: string;
  /** The editor's note to the author, or why the proposal was withdrawn. */
  note: string | null;
}

const HEADLINE: Record<ProposalOutcome, (title: string) => string> = {
  accepted: (title) => `Your proposal “${title}” was accepted`,
  rejected: (title) => `Your proposal “${title}” was not accepted`,
  withdrawn: (title) => `Your proposal “${title}” was closed: its entry was deleted`,
};

const WHAT_HAPPENED: Record<ProposalOutcome, string> = {
  accepted: 'accepted your proposal; the entry now has your text',
  rejected: 'reviewed your proposal and did not accept it',
  withdrawn: 'deleted the entry your proposal would have changed, so it was closed without review',
};

/** "Your proposal … was accepted" with the editor's note; user text is escaped in the HTML part. */
export function proposalOutcomeContent(
  { proposal, author, outcome, deciderName, note }: ProposalOutcomeFacts,
  { appUrl }: { appUrl: string },
): MailContent {
  const subject = HEADLINE[outcome](proposal.title);
  const when = formatWhen(proposal.decidedAt);
  const dashboard = appLink(appUrl, '/');
  const noteLabel = outcome === 'withdrawn' ? 'Why' : 'Their note to you';
  const text = [
    `Hello ${author.name},`,
    '',
    `${deciderName} ${WHAT_HAPPENED[outcome]} (${when.human}).`,
    note ? `${noteLabel}: ${note}` : '',
    '',
    `Your proposals and their status: ${dashboard}`,
    '',
    'To stop these messages, turn off "Mail me when a proposal is decided" on your dashboard.',
    '',
  ].join('\n');
  const body = html`<p>Hello ${author.name},</p>
<p>${deciderName} ${WHAT_HAPPENED[outcome]} (<time datetime="${when.iso}">${when.human}</time>).</p>
${note ? html`<p>${noteLabel}:</p><blockquote style="white-space: pre-wrap">${note}</blockquote>` : ''}
${button(dashboard, 'See your proposals')}
<p style="color: #666">To stop these messages, turn off “Mail me when a proposal is decided” on your dashboard.</p>`;
  return { subject, text, html: htmlDocument(subject, body) };
}
