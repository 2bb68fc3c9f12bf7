import type { ProposeInput } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import type { Transaction } from 'kysely';
import { assertMayPropose } from './proposal-limits.js';
import { findProposalRow, insertProposal } from './proposals.js';
import { lockEntryAtVersion } from './versions.js';
import { type ProposalView, toProposalView } from './views.js';

/**
 * A contributor's change waits for review: without `entryId` it will create an entry, with it it
 * will overwrite that entry's title and body. Nothing about the entries changes until an editor
 * accepts it, and an edit can only be accepted while the entry is still at the version recorded
 * here (review.ts): the one the contributor's form was opened with, when it says.
 */
export async function proposeChange(
  trx: Transaction<Database>,
  proposer: { id: string; now: Date },
  input: ProposeInput,
): Promise<ProposalView> {
  await assertMayPropose(trx, proposer.id, proposer.now);
  const entry =
    input.entryId === undefined
      ? null
      : await lockEntryAtVersion(trx, {
          id: input.entryId,
          baseVersion: input.baseVersion,
          field: 'entryId',
          refused:
            'your edit was not sent. Copy your text, compare it with the current text and propose the edit again on it.',
        });
  const proposal = await insertProposal(trx, {
    entryId: entry?.id ?? null,
    baseVersion: entry?.version ?? null,
    title: input.title,
    body: input.body,
    proposedBy: proposer.id,
  });
  const row = await findProposalRow(trx, proposal.id);
  if (!row) throw new Error(`proposal ${proposal.id} vanished right after it was written`);
  return toProposalView(row);
}
