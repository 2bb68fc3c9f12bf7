import type { Executor } from '@rolegate/db';
import { listPendingProposals } from './proposals.js';
import { selectEntryRows } from './queries.js';
import { type EntryView, type ProposalView, toEntryView, toProposalView } from './views.js';

export interface QueuedProposal extends ProposalView {
  /** For an edit, the entry as it is now, so the reviewer sees what would change; else null. */
  current: EntryView | null;
}

/** Pending proposals, oldest first, each edit with the entry it would overwrite. */
export async function listReviewQueue(db: Executor): Promise<QueuedProposal[]> {
  const proposals = await listPendingProposals(db);
  const entryIds = [
    ...new Set(proposals.flatMap((proposal) => (proposal.entryId ? [proposal.entryId] : []))),
  ];
  const entries =
    entryIds.length === 0 ? [] : await selectEntryRows(db).where('e.id', 'in', entryIds).execute();
  const byId = new Map(entries.map((row) => [row.id, toEntryView(row)]));
  return proposals.map((row) => ({
    ...toProposalView(row),
    current: row.entryId ? (byId.get(row.entryId) ?? null) : null,
  }));
}
