import type { ProposalStatus } from '@rolegate/db';
import type { ProposalRow } from './proposals.js';
import type { EntryRow } from './queries.js';

/** Who wrote something: enough to show a name, no email (readers see entries too). */
export interface AuthorView {
  id: string;
  name: string;
}

export interface EntryView {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** 1 when created, one more on every change. */
  version: number;
  createdBy: AuthorView | null;
  updatedBy: AuthorView | null;
}

export interface ProposalView {
  id: string;
  /** null: the proposal creates a new entry. */
  entryId: string | null;
  /** The entry's version this edit was written against; accepting it needs the entry still there. */
  baseVersion: number | null;
  title: string;
  body: string;
  status: ProposalStatus;
  createdAt: string;
  proposedBy: AuthorView;
  reviewedBy: AuthorView | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

/** A proposal as its author sees it in entries.myProposals. */
export interface MyProposalView {
  id: string;
  /** The entry it edits; null for a new entry, or once the entry was deleted. */
  entryId: string | null;
  title: string;
  body: string;
  status: ProposalStatus;
  /** The reviewer's note to the author, or why the proposal was withdrawn. */
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Who decided it (who deleted the entry, for `withdrawn`). */
  decidedBy: AuthorView | null;
  /** The entry as it is now; null for a new entry or a deleted one. */
  current: EntryView | null;
}

function author(id: string | null, name: string | null): AuthorView | null {
  return id !== null && name !== null ? { id, name } : null;
}

export function toEntryView(row: EntryRow): EntryView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    createdBy: author(row.creatorId, row.creatorName),
    updatedBy: author(row.updaterId, row.updaterName),
  };
}

export function toProposalView(row: ProposalRow): ProposalView {
  return {
    id: row.id,
    entryId: row.entryId,
    baseVersion: row.baseVersion,
    title: row.title,
    body: row.body,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    proposedBy: { id: row.proposerId, name: row.proposerName },
    reviewedBy: author(row.reviewerId, row.reviewerName),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
  };
}

export function toMyProposalView(row: ProposalRow, current: EntryView | null): MyProposalView {
  return {
    id: row.id,
    entryId: row.entryId,
    title: row.title,
    body: row.body,
    status: row.status,
    note: row.reviewNote,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.reviewedAt?.toISOString() ?? null,
    decidedBy: author(row.reviewerId, row.reviewerName),
    current,
  };
}
