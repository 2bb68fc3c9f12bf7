import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, ownedBy, pointsAt, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'entry_proposals')
    // null: the proposal creates a new entry. A deleted entry takes its open proposals with it.
    .addColumn('entry_id', 'uuid', (col) => col.references('entries.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('proposed_by', 'uuid', ownedBy('users.id'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('reviewed_by', 'uuid', pointsAt('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .addCheckConstraint(
      'entry_proposals_status_check',
      sql`status in ('pending', 'accepted', 'rejected')`,
    )
    .execute();

  // The review queue: pending proposals, oldest first.
  await createIndex(db, 'entry_proposals_status_created_at_idx', 'entry_proposals', [
    'status',
    'created_at',
  ]);
  await createIndex(db, 'entry_proposals_entry_id_idx', 'entry_proposals', ['entry_id']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entry_proposals').execute();
}
