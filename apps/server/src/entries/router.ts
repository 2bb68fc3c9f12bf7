import {
  type Capability,
  deleteEntryInput,
  ENTRIES_PAGE_DEFAULT,
  encodeCursor,
  entryIdInput,
  listEntriesInput,
  proposalMailInput,
  proposalsPage,
  proposalsPageInput,
  proposeInput,
  reviewInput,
  saveEntryInput,
} from '@rolegate/core';
import { capabilityProcedure, router } from '../trpc.js';
import { removeEntry, saveEntry } from './direct-edit.js';
import { proposalMailSetting, setProposalMailSetting } from './mail-setting.js';
import { notFound } from './not-found.js';
import { proposeChange } from './propose.js';
import { findEntryRow, listEntries } from './queries.js';
import { reviewProposal } from './review.js';
import { listMyProposals, listReviewQueue } from './review-queue.js';
import { toEntryView } from './views.js';

/**
 * What each procedure needs, checked against the caller's level in the access table (trpc.ts). The
 * access tests walk this map and the access table together, so neither can drift from the other.
 */
export const ENTRY_CAPABILITIES = {
  list: 'entries.read',
  get: 'entries.read',
  propose: 'entries.propose',
  myProposals: 'entries.propose',
  notificationSettings: 'entries.propose',
  setNotificationSettings: 'entries.propose',
  proposals: 'entries.review',
  review: 'entries.review',
  save: 'entries.write',
  delete: 'entries.write',
} as const satisfies Record<string, Capability>;

const needs = (procedure: keyof typeof ENTRY_CAPABILITIES) =>
  capabilityProcedure(ENTRY_CAPABILITIES[procedure]);

export const entriesRouter = router({
  list: needs('list')
    .input(listEntriesInput)
    .query(async ({ ctx, input }) => {
      const page = await listEntries(ctx.db, {
        cursor: input?.cursor ?? undefined,
        direction: input?.direction ?? 'forward',
        limit: input?.limit ?? ENTRIES_PAGE_DEFAULT,
      });
      return {
        entries: page.rows.map(toEntryView),
        nextCursor: page.next ? encodeCursor(page.next) : null,
        previousCursor: page.previous ? encodeCursor(page.previous) : null,
      };
    }),

  get: needs('get')
    .input(entryIdInput)
    .query(async ({ ctx, input }) => {
      const row = await findEntryRow(ctx.db, input.id);
      if (!row) throw notFound('id', 'entry', input.id);
      return { entry: toEntryView(row) };
    }),

  propose: needs('propose')
    .input(proposeInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => ({
        proposal: await proposeChange(trx, { id: ctx.user.id, now: ctx.now() }, input),
      })),
    ),

  myProposals: needs('myProposals')
    .input(proposalsPageInput)
    .query(({ ctx, input }) => listMyProposals(ctx.db, ctx.user.id, proposalsPage(input))),

  notificationSettings: needs('notificationSettings').query(({ ctx }) =>
    proposalMailSetting(ctx.db, ctx.user.id),
  ),

  setNotificationSettings: needs('setNotificationSettings')
    .input(proposalMailInput)
    .mutation(({ ctx, input }) =>
      setProposalMailSetting(ctx.db, ctx.user.id, input.proposalOutcomes),
    ),

  proposals: needs('proposals')
    .input(proposalsPageInput)
    .query(({ ctx, input }) => listReviewQueue(ctx.db, proposalsPage(input))),

  review: needs('review')
    .input(reviewInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => reviewProposal(trx, ctx.config, ctx.user, input)),
    ),

  save: needs('save')
    .input(saveEntryInput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction()
        .execute(async (trx) => ({ entry: await saveEntry(trx, ctx.user.id, input) })),
    ),

  delete: needs('delete')
    .input(deleteEntryInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => ({
        ok: true as const,
        ...(await removeEntry(trx, ctx.config, ctx.user, input)),
      })),
    ),
});
