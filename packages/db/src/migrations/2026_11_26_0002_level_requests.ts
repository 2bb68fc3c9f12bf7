import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, ownedBy, pointsAt, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'level_requests')
    .addColumn('user_id', 'uuid', ownedBy('users.id'))
    .addColumn('requested_role', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', pointsAt('users.id'))
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
  await createIndex(db, 'level_requests_one_pending_per_user', 'level_requests', ['user_id'], {
    unique: true,
    where: ['status', '=', 'pending'],
  });

  // The admin queue: pending requests, oldest first.
  await createIndex(db, 'level_requests_status_created_at_idx', 'level_requests', [
    'status',
    'created_at',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('level_requests').execute();
}
