import type { Executor } from '@rolegate/db';
import type { AppConfig } from '../env.js';
import { queueNotification } from './message.js';
import { type ProposalOutcomeFacts, proposalOutcomeContent } from './proposal-outcome-content.js';

/**
 * Tells the author what became of their proposal, unless they turned these mails off. Runs in the
 * transaction that decided or withdrew it; key `entry-proposal:<id>:outcome`, so a proposal's
 * outcome is mailed once. Resolves to whether a message was queued.
 */
export async function notifyProposalOutcome(
  db: Executor,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  authorId: string,
  facts: Omit<ProposalOutcomeFacts, 'author'>,
): Promise<boolean> {
  const author = await db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', authorId)
    .where('proposalOutcomeMail', '=', true)
    .executeTakeFirst();
  if (!author) return false;
  return queueNotification(db, config.mail, {
    idempotencyKey: `entry-proposal:${facts.proposal.id}:outcome`,
    to: [{ name: author.name, email: author.email }],
    content: proposalOutcomeContent({ ...facts, author }, { appUrl: config.appUrl }),
  });
}
