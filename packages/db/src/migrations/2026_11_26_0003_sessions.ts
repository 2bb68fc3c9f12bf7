import type { Kysely } from 'kysely';
import { createIndex, ownedBy, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie token: a leaked table cannot be replayed as cookies.
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', ownedBy('users.id'))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', stampedNow)
    .execute();

  // Revoking every session of a user (logout everywhere, admin removal).
  await createIndex(db, 'sessions_user_id_idx', 'sessions', ['user_id']);
  // Sweeping expired sessions.
  await createIndex(db, 'sessions_expires_at_idx', 'sessions', ['expires_at']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
}
