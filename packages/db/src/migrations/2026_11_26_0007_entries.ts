import type { Kysely } from 'kysely';
import { createIndex, createTableWithId, pointsAt, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'entries')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    // Entries stay when their author's account is removed.
    .addColumn('created_by', 'uuid', pointsAt('users.id'))
    .addColumn('updated_by', 'uuid', pointsAt('users.id'))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('updated_at', 'timestamptz', stampedNow)
    .execute();

  await createIndex(db, 'entries_updated_at_idx', 'entries', ['updated_at']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entries').execute();
}
