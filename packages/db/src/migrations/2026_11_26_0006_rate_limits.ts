import type { Kysely } from 'kysely';
import { createIndex } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per limited thing (e.g. `login:ip:203.0.113.7`): counters shared by every server process.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('reset_at', 'timestamptz', (col) => col.notNull())
    .execute();

  // Sweeping windows that ended.
  await createIndex(db, 'rate_limits_reset_at_idx', 'rate_limits', ['reset_at']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
