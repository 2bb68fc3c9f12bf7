import type { DeleteEntryInput, SaveEntryInput } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { deleteEntry, findEntryRow, insertEntry, updateEntry } from './queries.js';
import { lockEntryAtVersion } from './versions.js';
import { type EntryView, toEntryView } from './views.js';
import { withdrawOpenProposals } from './withdraw.js';

export interface Actor {
  id: string;
  name: string;
}

/**
 * Power level: writes an entry directly, with no review. Nobody checks the change, so the audit
 * log is the only record of who made it; it is written in the same transaction. An existing entry
 * is overwritten only from the version the person saw (versions.ts).
 */
export async function saveEntry(
  trx: Transaction<Database>,
  actorId: string,
  input: SaveEntryInput,
): Promise<EntryView> {
  const content = { title: input.title, body: input.body, authorId: actorId };
  let savedId: string;
  if (input.id === undefined) {
    savedId = (await insertEntry(trx, content)).id;
  } else {
    await lockEntryAtVersion(trx, {
      id: input.id,
      baseVersion: input.baseVersion,
      field: 'id',
      refused: 'your text was not saved. Compare it with the current text, then save again.',
    });
    const updated = await updateEntry(trx, { id: input.id, ...content });
    if (!updated) throw new Error(`entry ${input.id} vanished while locked`);
    savedId = updated.id;
  }
  await writeAudit(trx, {
    actorId,
    action: input.id === undefined ? 'entry.created' : 'entry.updated',
    subjectType: 'entry',
    subjectId: savedId,
    details: { title: input.title },
  });
  const row = await findEntryRow(trx, savedId);
  if (!row) throw new Error(`entry ${savedId} vanished inside its own transaction`);
  return toEntryView(row);
}

/**
 * Deletes the entry the person saw (not a newer version of it). Its open proposals are closed as
 * `withdrawn` and their authors told, in the same transaction.
 */
export async function removeEntry(
  trx: Transaction<Database>,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  actor: Actor,
  input: DeleteEntryInput,
): Promise<{ withdrawnProposals: number }> {
  const entry = await lockEntryAtVersion(trx, {
    id: input.id,
    baseVersion: input.baseVersion,
    field: 'id',
    refused:
      'it was not deleted. Look at the current text, then delete it again if you still mean to.',
  });
  const withdrawn = await withdrawOpenProposals(trx, config, actor, entry);
  await deleteEntry(trx, entry.id);
  // The entry is gone, so the audit row keeps what a reader would want to know it by.
  await writeAudit(trx, {
    actorId: actor.id,
    action: 'entry.deleted',
    subjectType: 'entry',
    subjectId: entry.id,
    details: { title: entry.title, version: entry.version, withdrawnProposals: withdrawn },
  });
  return { withdrawnProposals: withdrawn };
}
