import type { Entry, Executor } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import { formatWhen } from '../notifications/format.js';
import { notFound } from './not-found.js';
import { findEntryForUpdate, findEntryRow } from './queries.js';

/**
 * The one version check (decision 022) behind every change to an existing entry: a direct save or
 * delete, a proposal, and the acceptance of a proposal. Each carries the version it was made from;
 * the entry is locked until the transaction ends, so nothing slips in between this check and the
 * write, and a change made from an older version is refused (CONFLICT) instead of overwriting text
 * its author never saw.
 */
export async function lockEntryAtVersion(
  db: Executor,
  check: {
    id: string;
    /** The version the change was made from; undefined takes the entry as it is now. */
    baseVersion: number | undefined;
    /** The input field that named the entry, for NOT_FOUND. */
    field: string;
    /** What happens to a stale change, in the sentence the person reads. */
    refused: string;
  },
): Promise<Entry> {
  const entry = await findEntryForUpdate(db, check.id);
  if (!entry) throw notFound(check.field, 'entry', check.id);
  if (check.baseVersion !== undefined && check.baseVersion !== entry.version) {
    throw await entryChangedError(db, entry.id, check.refused);
  }
  return entry;
}

/** CONFLICT saying who changed the entry last, and when, in words (UTC: the server has no locale). */
async function entryChangedError(db: Executor, id: string, refused: string): Promise<TRPCError> {
  const row = await findEntryRow(db, id);
  const by = row?.updaterName ? ` by ${row.updaterName}` : '';
  const at = row ? ` on ${formatWhen(row.updatedAt).human}` : '';
  return new TRPCError({
    code: 'CONFLICT',
    message: `The entry changed since you opened it (last changed${by}${at}, now version ${row?.version ?? 'unknown'}); ${refused}`,
  });
}
