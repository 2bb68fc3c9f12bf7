import type { ProposeInput } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import { notFound } from './not-found.js';
import { findProposalRow, insertProposal } from './proposals.js';
import { type EntryRow, findEntryRow } from './queries.js';
import { type ProposalView, toProposalView } from './views.js';

/**
 * A contributor's change waits for review: without `entryId` it will create an entry, with it it
 * will overwrite that entry's title and body. Nothing about the entries changes until an editor
 * accepts it, and an edit can only be accepted while the entry is still at the version recorded
 * here (review.ts): the one the contributor's form was opened with, when it says.
 */
export async function proposeChange(
  db: Executor,
  proposerId: string,
  input: ProposeInput,
): Promise<ProposalView> {
  const entryId = input.entryId ?? null;
  let baseVersion: number | null = null;
  if (entryId !== null) {
    const entry = await findEntryRow(db, entryId);
    if (!entry) throw notFound('entryId', 'entry', entryId);
    if (input.baseVersion !== undefined && input.baseVersion !== entry.version) {
      throw changedWhileEditing(entry);
    }
    baseVersion = entry.version;
  }
  const proposal = await insertProposal(db, {
    entryId,
    baseVersion,
    title: input.title,
    body: input.body,
    proposedBy: proposerId,
  });
  const row = await findProposalRow(db, proposal.id);
  if (!row) throw new Error(`proposal ${proposal.id} vanished right after it was written`);
  return toProposalView(row);
}

function changedWhileEditing(entry: EntryRow): TRPCError {
  const by = entry.updaterName ? ` by ${entry.updaterName}` : '';
  return new TRPCError({
    code: 'CONFLICT',
    message: `The entry changed while you were editing it (last changed${by} at ${entry.updatedAt.toISOString()}); your edit was not sent. Copy your text, reload the entry and propose the edit again on the current text.`,
  });
}
