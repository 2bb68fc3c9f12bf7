import type { ReviewInput } from '@rolegate/core';
import type { Database, Entry, EntryProposal } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import { notFound } from './not-found.js';
import { findProposalForUpdate, findProposalRow, markProposalReviewed } from './proposals.js';
import { findEntryRow, insertEntry, updateEntry } from './queries.js';
import { type EntryView, type ProposalView, toEntryView, toProposalView } from './views.js';

export interface ReviewResult {
  proposal: ProposalView;
  /** The entry as the accepted proposal left it; null when the proposal was rejected. */
  entry: EntryView | null;
}

/**
 * Accepts or rejects a proposal. In one transaction: the proposal row is locked (two reviewers
 * take turns, the second gets CONFLICT), an accepted change is applied to the entries, and the
 * decision is audited.
 */
export async function reviewProposal(
  trx: Transaction<Database>,
  reviewerId: string,
  input: ReviewInput,
): Promise<ReviewResult> {
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
  await markProposalReviewed(trx, {
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

  const proposalRow = await findProposalRow(trx, proposal.id);
  const entryRow = entry ? await findEntryRow(trx, entry.id) : undefined;
  if (!proposalRow) throw new Error(`proposal ${proposal.id} vanished inside its own transaction`);
  return { proposal: toProposalView(proposalRow), entry: entryRow ? toEntryView(entryRow) : null };
}

/** The proposer is the author of the content, so they are recorded as its writer. */
async function applyProposal(trx: Transaction<Database>, proposal: EntryProposal): Promise<Entry> {
  const content = { title: proposal.title, body: proposal.body, authorId: proposal.proposedBy };
  if (proposal.entryId === null) return insertEntry(trx, content);
  const updated = await updateEntry(trx, { id: proposal.entryId, ...content });
  // Deleting an entry deletes its proposals, so this only happens if that races the review.
  if (!updated) throw notFound('proposalId', 'entry targeted by this proposal', proposal.entryId);
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
  const at = proposal.reviewedAt ? ` at ${proposal.reviewedAt.toISOString()}` : '';
  return new TRPCError({
    code: 'CONFLICT',
    message: `This proposal was already ${proposal.status} by ${by}${at}; nothing was changed.`,
  });
}
