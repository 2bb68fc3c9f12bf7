import { type Kysely, sql } from 'kysely';
import { addCheck, createIndex } from './steps.js';

/**
 * Optimistic concurrency for reviews (decision 006): every change to an entry bumps its version,
 * and an edit proposal records the version it was written against, so accepting it after the
 * entry changed is refused instead of overwriting the newer text. Plus the index entries.list's
 * keyset pages read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('entries')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('entry_proposals').addColumn('base_version', 'integer').execute();

  // Open edits from before this migration: every entry is at version 1 now, so an edit counts as
  // based on it unless the entry was updated after the edit was proposed; then it gets version 0,
  // which no entry has, and accepting it is refused like any other outdated edit.
  await sql`
    update entry_proposals p
    set base_version = case when e.updated_at > p.created_at then 0 else 1 end
    from entries e
    where e.id = p.entry_id`.execute(db);

  await addCheck(
    db,
    'entry_proposals',
    'entry_proposals_base_version_check',
    sql`(entry_id is null) = (base_version is null)`,
  );

  // entries.list pages by (created_at, id) either way from a cursor, and asks whether anything lies
  // beyond a page's edge: without this index each of those sorts or scans the whole table.
  await createIndex(db, 'entries_created_at_id_idx', 'entries', ['created_at', 'id']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('entries_created_at_id_idx').execute();
  await db.schema
    .alterTable('entry_proposals')
    .dropConstraint('entry_proposals_base_version_check')
    .execute();
  await db.schema.alterTable('entry_proposals').dropColumn('base_version').execute();
  await db.schema.alterTable('entries').dropColumn('version').execute();
}
