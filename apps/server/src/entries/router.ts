import {
  type Capability,
  entryIdInput,
  proposeInput,
  reviewInput,
  saveEntryInput,
} from '@rolegate/core';
import { capabilityProcedure, router } from '../trpc.js';
import { ENTRIES_PAGE_DEFAULT, encodeCursor, listEntriesInput } from './cursor.js';
import { removeEntry, saveEntry } from './direct-edit.js';
import { notFound } from './not-found.js';
import { proposeChange } from './propose.js';
import { findEntryRow, listEntries } from './queries.js';
import { reviewProposal } from './review.js';
import { listReviewQueue } from './review-queue.js';
import { toEntryView } from './views.js';

/**
 * What each procedure needs, checked against the caller's level in the access table (trpc.ts). The
 * access tests walk this map and the access table together, so neither can drift from the other.
 */
export const ENTRY_CAPABILITIES = {
  list: 'entries.read',
  get: 'entries.read',
  propose: 'entries.propose',
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
    .mutation(async ({ ctx, input }) => ({
      proposal: await proposeChange(ctx.db, ctx.user.id, input),
    })),

  proposals: needs('proposals').query(async ({ ctx }) => ({
    proposals: await listReviewQueue(ctx.db),
  })),

  review: needs('review')
    .input(reviewInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => reviewProposal(trx, ctx.user.id, input)),
    ),

  save: needs('save')
    .input(saveEntryInput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction()
        .execute(async (trx) => ({ entry: await saveEntry(trx, ctx.user.id, input) })),
    ),

  delete: needs('delete')
    .input(entryIdInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        await removeEntry(trx, ctx.user.id, input.id);
        return { ok: true as const };
      }),
    ),
});
