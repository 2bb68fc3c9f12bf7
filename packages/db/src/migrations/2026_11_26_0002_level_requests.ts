import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('level_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_role', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('deny_reason', 'text')
    .addCheckConstraint(
      'level_requests_requested_role_check',
      sql`requested_role in ('reader', 'contributor', 'editor', 'power')`,
    )
    .addCheckConstraint(
      'level_requests_status_check',
      sql`status in ('pending', 'approved', 'denied')`,
    )
    .execute();

  // At most one pending request per person; decided ones accumulate as history.
  await db.schema
    .createIndex('level_requests_one_pending_per_user')
    .on('level_requests')
    .column('user_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  // The admin queue: pending requests, oldest first.
  await db.schema
    .createIndex('level_requests_status_created_at_idx')
    .on('level_requests')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('level_requests').execute();
}
