import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entry_proposals')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // null: the proposal creates a new entry. A deleted entry takes its open proposals with it.
    .addColumn('entry_id', 'uuid', (col) => col.references('entries.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('proposed_by', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('reviewed_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .addCheckConstraint(
      'entry_proposals_status_check',
      sql`status in ('pending', 'accepted', 'rejected')`,
    )
    .execute();

  // The review queue: pending proposals, oldest first.
  await db.schema
    .createIndex('entry_proposals_status_created_at_idx')
    .on('entry_proposals')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('entry_proposals_entry_id_idx')
    .on('entry_proposals')
    .column('entry_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entry_proposals').execute();
}
