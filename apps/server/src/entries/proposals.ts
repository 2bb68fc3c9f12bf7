import type { EntryCursor } from '@rolegate/core';
import type { EntryProposal, Executor, ProposalStatus } from '@rolegate/db';
import { sql } from 'kysely';
import { beyondCursor, createdAtMicros, splitPage } from './cursor.js';

export async function insertProposal(
  db: Executor,
  proposal: {
    entryId: string | null;
    /** The entry's version the edit was written against; null with entryId null. */
    baseVersion: number | null;
    title: string;
    body: string;
    proposedBy: string;
  },
): Promise<EntryProposal> {
  return db.insertInto('entryProposals').values(proposal).returningAll().executeTakeFirstOrThrow();
}

/** Proposals with the proposer's and reviewer's names, the review queue's order: oldest first. */
export function selectProposalRows(db: Executor) {
  return db
    .selectFrom('entryProposals as p')
    .innerJoin('users as a', 'a.id', 'p.proposedBy')
    .leftJoin('users as r', 'r.id', 'p.reviewedBy')
    .select([
      'p.id',
      'p.entryId',
      'p.baseVersion',
      'p.title',
      'p.body',
      'p.status',
      'p.createdAt',
      'p.reviewedAt',
      'p.reviewNote',
      'a.id as proposerId',
      'a.name as proposerName',
      'r.id as reviewerId',
      'r.name as reviewerName',
      createdAtMicros('p').as('createdAtMicros'),
    ])
    .orderBy('p.createdAt', 'asc')
    .orderBy('p.id', 'asc');
}

export type ProposalRow = Awaited<
  ReturnType<ReturnType<typeof selectProposalRows>['executeTakeFirstOrThrow']>
>;

export interface ProposalsPage {
  rows: ProposalRow[];
  next: EntryCursor | null;
}

/**
 * One page of proposals after the cursor: the review queue (pending, oldest first) or one person's
 * own (every status, newest first). One extra row tells whether another page follows.
 */
export async function listProposals(
  db: Executor,
  page: {
    filter: { status: 'pending' } | { proposedBy: string };
    cursor: EntryCursor | undefined;
    limit: number;
  },
): Promise<ProposalsPage> {
  const newestFirst = 'proposedBy' in page.filter;
  let query = selectProposalRows(db).limit(page.limit + 1);
  query =
    'proposedBy' in page.filter
      ? query.where('p.proposedBy', '=', page.filter.proposedBy)
      : query.where('p.status', '=', page.filter.status);
  if (newestFirst)
    query = query.clearOrderBy().orderBy('p.createdAt', 'desc').orderBy('p.id', 'desc');
  if (page.cursor)
    query = query.where(beyondCursor('p', page.cursor, newestFirst ? 'older' : 'newer'));
  const { rows, next } = splitPage(await query.execute(), page.limit);
  return { rows, next };
}

export async function findProposalRow(db: Executor, id: string): Promise<ProposalRow | undefined> {
  return selectProposalRows(db).where('p.id', '=', id).executeTakeFirst();
}

/** Locks the proposal until the transaction ends, so two reviewers cannot both decide it. */
export async function findProposalForUpdate(
  db: Executor,
  id: string,
): Promise<EntryProposal | undefined> {
  return db
    .selectFrom('entryProposals')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markProposalReviewed(
  db: Executor,
  review: {
    id: string;
    status: Exclude<ProposalStatus, 'pending'>;
    reviewedBy: string;
    note: string | null;
  },
): Promise<EntryProposal> {
  return db
    .updateTable('entryProposals')
    .set({
      status: review.status,
      reviewedBy: review.reviewedBy,
      reviewedAt: sql<Date>`now()`,
      reviewNote: review.note,
    })
    .where('id', '=', review.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
