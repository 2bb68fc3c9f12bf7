import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, pointsAt, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'audit_log')
    // The record outlives the actor: deleting a user keeps what they did, without the link.
    .addColumn('actor_id', 'uuid', pointsAt('users.id'))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    // text, not uuid: a subject may be an email or a setting as well as a row.
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .execute();

  await createIndex(db, 'audit_log_created_at_idx', 'audit_log', ['created_at']);
  await createIndex(db, 'audit_log_subject_idx', 'audit_log', ['subject_type', 'subject_id']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}
