import { type EntryCursor, encodeCursor } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { listProposals, type ProposalRow } from './proposals.js';
import { selectEntryRows } from './queries.js';
import {
  type EntryView,
  type MyProposalView,
  type ProposalView,
  toEntryView,
  toMyProposalView,
  toProposalView,
} from './views.js';

export interface QueuedProposal extends ProposalView {
  /** For an edit, the entry as it is now, so the reviewer sees what would change; else null. */
  current: EntryView | null;
}

interface PageRequest {
  cursor: EntryCursor | undefined;
  limit: number;
}

/** Pending proposals, oldest first, each edit with the entry it would overwrite. */
export async function listReviewQueue(
  db: Executor,
  page: PageRequest,
): Promise<{ proposals: QueuedProposal[]; nextCursor: string | null }> {
  const { rows, next } = await listProposals(db, { filter: { status: 'pending' }, ...page });
  const current = await currentEntries(db, rows);
  return {
    proposals: rows.map((row) => ({ ...toProposalView(row), current: current(row) })),
    nextCursor: next ? encodeCursor(next) : null,
  };
}

/** One person's proposals, newest first, each with its entry as it is now (null once deleted). */
export async function listMyProposals(
  db: Executor,
  proposerId: string,
  page: PageRequest,
): Promise<{ proposals: MyProposalView[]; nextCursor: string | null }> {
  const { rows, next } = await listProposals(db, { filter: { proposedBy: proposerId }, ...page });
  const current = await currentEntries(db, rows);
  return {
    proposals: rows.map((row) => toMyProposalView(row, current(row))),
    nextCursor: next ? encodeCursor(next) : null,
  };
}

/** The entries these proposals edit, read in one query. */
async function currentEntries(db: Executor, rows: ProposalRow[]) {
  const ids = [...new Set(rows.flatMap((row) => (row.entryId ? [row.entryId] : [])))];
  const entries =
    ids.length === 0 ? [] : await selectEntryRows(db).where('e.id', 'in', ids).execute();
  const byId = new Map(entries.map((row) => [row.id, toEntryView(row)]));
  return (row: ProposalRow): EntryView | null =>
    row.entryId ? (byId.get(row.entryId) ?? null) : null;
}
