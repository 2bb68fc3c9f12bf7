import type { SaveEntryInput } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import { notFound } from './not-found.js';
import { deleteEntry, findEntryRow, insertEntry, updateEntry } from './queries.js';
import { type EntryView, toEntryView } from './views.js';

/**
 * Power level: writes an entry directly, with no review. Nobody checks the change, so the audit
 * log is the only record of who made it; it is written in the same transaction.
 */
export async function saveEntry(
  trx: Transaction<Database>,
  actorId: string,
  input: SaveEntryInput,
): Promise<EntryView> {
  const content = { title: input.title, body: input.body, authorId: actorId };
  const saved =
    input.id === undefined
      ? await insertEntry(trx, content)
      : await updateEntry(trx, { id: input.id, ...content });
  if (!saved) throw notFound('id', 'entry', input.id ?? '');
  await writeAudit(trx, {
    actorId,
    action: input.id === undefined ? 'entry.created' : 'entry.updated',
    subjectType: 'entry',
    subjectId: saved.id,
    details: { title: saved.title },
  });
  const row = await findEntryRow(trx, saved.id);
  if (!row) throw new Error(`entry ${saved.id} vanished inside its own transaction`);
  return toEntryView(row);
}

export async function removeEntry(
  trx: Transaction<Database>,
  actorId: string,
  id: string,
): Promise<void> {
  const deleted = await deleteEntry(trx, id);
  if (!deleted) throw notFound('id', 'entry', id);
  // The entry is gone, so the audit row keeps what a reader would want to know it by.
  await writeAudit(trx, {
    actorId,
    action: 'entry.deleted',
    subjectType: 'entry',
    subjectId: id,
    details: { title: deleted.title },
  });
}
