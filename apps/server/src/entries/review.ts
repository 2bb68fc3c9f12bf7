import type { ReviewInput } from '@rolegate/core';
import type { Database, Entry, EntryProposal } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { formatWhen } from '../notifications/format.js';
import { notifyProposalOutcome } from '../notifications/notify.js';
import { notFound } from './not-found.js';
import { findProposalForUpdate, findProposalRow, markProposalReviewed } from './proposals.js';
import { findEntryRow, insertEntry, updateEntry } from './queries.js';
import { lockEntryAtVersion } from './versions.js';
import { type EntryView, type ProposalView, toEntryView, toProposalView } from './views.js';

export interface ReviewResult {
  proposal: ProposalView;
  /** The entry as the accepted proposal left it; null when the proposal was rejected. */
  entry: EntryView | null;
}

/**
 * Accepts or rejects a proposal. In one transaction: the proposal row is locked (two reviewers
 * take turns, the second gets CONFLICT), an accepted change is applied to the entries (an edit only
 * if its entry has not changed since it was proposed: CONFLICT otherwise), the decision is
 * audited and the author is mailed (unless they turned that off).
 */
export async function reviewProposal(
  trx: Transaction<Database>,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  reviewer: { id: string; name: string },
  input: ReviewInput,
): Promise<ReviewResult> {
  const reviewerId = reviewer.id;
  const proposal = await findProposalForUpdate(trx, input.proposalId);
  if (!proposal) throw notFound('proposalId', 'proposal', input.proposalId);
  if (proposal.status !== 'pending') throw await alreadyReviewed(trx, proposal);
  if (proposal.proposedBy === reviewerId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You cannot review your own proposal: another editor has to.',
    });
  }

  const accepted = input.decision === 'accept';
  const entry = accepted ? await applyProposal(trx, proposal) : null;
  const note = input.note?.trim() || null;
  const reviewed = await markProposalReviewed(trx, {
    id: proposal.id,
    status: accepted ? 'accepted' : 'rejected',
    reviewedBy: reviewerId,
    note,
  });
  await writeAudit(trx, {
    actorId: reviewerId,
    action: accepted ? 'entry_proposal.accepted' : 'entry_proposal.rejected',
    subjectType: 'entry_proposal',
    subjectId: proposal.id,
    details: {
      proposedBy: proposal.proposedBy,
      entryId: entry?.id ?? proposal.entryId,
      kind: proposal.entryId === null ? 'create' : 'edit',
      ...(note === null ? {} : { note }),
    },
  });
  await notifyProposalOutcome(trx, config, proposal.proposedBy, {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      decidedAt: reviewed.reviewedAt ?? new Date(),
    },
    outcome: accepted ? 'accepted' : 'rejected',
    deciderName: reviewer.name,
    note,
  });

  const proposalRow = await findProposalRow(trx, proposal.id);
  const entryRow = entry ? await findEntryRow(trx, entry.id) : undefined;
  if (!proposalRow) throw new Error(`proposal ${proposal.id} vanished inside its own transaction`);
  return { proposal: toProposalView(proposalRow), entry: entryRow ? toEntryView(entryRow) : null };
}

/**
 * The proposer is the author of the content, so they are recorded as its writer. An edit applies
 * only to the version it was written against: the entry is locked, so no write slips in between
 * the check and the update, and a newer entry is never overwritten with text that did not see it.
 */
async function applyProposal(trx: Transaction<Database>, proposal: EntryProposal): Promise<Entry> {
  const content = { title: proposal.title, body: proposal.body, authorId: proposal.proposedBy };
  if (proposal.entryId === null) return insertEntry(trx, content);
  await lockEntryAtVersion(trx, {
    id: proposal.entryId,
    baseVersion: proposal.baseVersion ?? undefined,
    field: 'proposalId',
    refused:
      'nothing was changed. Compare the edit with the entry as it is now, then reject it and ask for the edit again on the current text.',
  });
  const updated = await updateEntry(trx, { id: proposal.entryId, ...content });
  if (!updated) throw new Error(`entry ${proposal.entryId} vanished while locked`);
  return updated;
}

async function alreadyReviewed(trx: Transaction<Database>, proposal: EntryProposal) {
  const reviewer = proposal.reviewedBy
    ? await trx
        .selectFrom('users')
        .select('name')
        .where('id', '=', proposal.reviewedBy)
        .executeTakeFirst()
    : undefined;
  const by = reviewer?.name ?? 'a reviewer whose account was removed';
  const at = proposal.reviewedAt ? ` on ${formatWhen(proposal.reviewedAt).human}` : '';
  return new TRPCError({
    code: 'CONFLICT',
    message: `This proposal was already ${proposal.status} by ${by}${at}; nothing was changed.`,
  });
}
