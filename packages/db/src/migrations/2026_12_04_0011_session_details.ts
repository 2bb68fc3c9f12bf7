import { type Kysely, sql } from 'kysely';
import { createIndex, dropColumns } from './steps.js';

/** What account.sessions shows: an id to revoke by (never the token's hash), the browser, the IP. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .execute();
  await createIndex(db, 'sessions_id_key', 'sessions', ['id'], { unique: true });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_id_key').execute();
  await dropColumns(db, 'sessions', ['id', 'user_agent', 'ip']);
}
