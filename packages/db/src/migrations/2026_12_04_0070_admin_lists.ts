import { type Kysely, sql } from 'kysely';
import { createIndex, ifTrigramsInstalled, PER_COLUMN_TRIGRAM_INDEXES } from './steps.js';

/**
 * The admin panel at 100,000 people (decision 034): keyset-paging indexes in each list's order,
 * newest first (created_at, id), and trigram indexes for the name/email search where Postgres has
 * pg_trgm. PGlite has no pg_trgm: there the search reads the table, which an embedded database's
 * size allows. A server that lacks the extension, or the right to create it, migrates all the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const keyset = async (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();

  await keyset('users_created_at_id_idx', 'users', ['created_at', 'id']);
  await keyset('level_requests_created_at_id_idx', 'level_requests', ['created_at', 'id']);
  // Replaces (status, created_at): the same queue, with the tie-breaker the cursor compares.
  await db.schema.dropIndex('level_requests_status_created_at_idx').execute();
  await keyset('level_requests_status_created_at_id_idx', 'level_requests', [
    'status',
    'created_at',
    'id',
  ]);
  // A searched person's requests; also a person's own history (account.requests).
  await keyset('level_requests_user_id_created_at_idx', 'level_requests', [
    'user_id',
    'created_at',
    'id',
  ]);

  await db.schema.dropIndex('audit_log_created_at_idx').execute();
  await keyset('audit_log_created_at_id_idx', 'audit_log', ['created_at', 'id']);
  await keyset('audit_log_actor_created_at_idx', 'audit_log', ['actor_id', 'created_at', 'id']);
  await keyset('audit_log_subject_created_at_idx', 'audit_log', ['subject_id', 'created_at', 'id']);
  await keyset('audit_log_action_created_at_idx', 'audit_log', ['action', 'created_at', 'id']);

  // The exception handler makes the attempt a subtransaction: where pg_trgm is missing or may not be
  // created, the migration goes on (and the search reads the table) instead of failing the start.
  await sql`
    do $$
    begin
      if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        begin
          create extension if not exists pg_trgm;
        exception when others then
          raise notice 'pg_trgm could not be created (%): the admin search reads the table', sqlerrm;
        end;
      end if;
      ${sql.raw(ifTrigramsInstalled(PER_COLUMN_TRIGRAM_INDEXES))}
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_name_trgm_idx`.execute(db);
  await sql`drop index if exists users_email_trgm_idx`.execute(db);
  for (const name of [
    'audit_log_action_created_at_idx',
    'audit_log_subject_created_at_idx',
    'audit_log_actor_created_at_idx',
    'audit_log_created_at_id_idx',
    'level_requests_user_id_created_at_idx',
    'level_requests_status_created_at_id_idx',
    'level_requests_created_at_id_idx',
    'users_created_at_id_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await createIndex(db, 'audit_log_created_at_idx', 'audit_log', ['created_at']);
  await createIndex(db, 'level_requests_status_created_at_idx', 'level_requests', [
    'status',
    'created_at',
  ]);
}
