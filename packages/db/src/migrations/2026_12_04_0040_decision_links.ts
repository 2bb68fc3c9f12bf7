import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, ownedBy, stampedNow } from './steps.js';

/**
 * Deciding a level request from the admin's mail: each admin's notification carries a link of their
 * own (decision_links, only the SHA-256 of its token), how each admin wants to hear of requests
 * (users.level_request_mail), and which reminders of a pending request were queued
 * (level_request_reminders: the primary key is the claim, so many workers queue each one once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('level_request_mail', 'text', (col) =>
      col.notNull().defaultTo('each').check(sql`level_request_mail in ('each', 'daily', 'off')`),
    )
    .execute();

  await createTableWithId(db, 'decision_links')
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('request_id', 'uuid', ownedBy('level_requests.id'))
    .addColumn('admin_id', 'uuid', ownedBy('users.id'))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  // Housekeeping deletes links by expiry; a request's links go with it (cascade).
  await createIndex(db, 'decision_links_expires_at_idx', 'decision_links', ['expires_at']);
  await createIndex(db, 'decision_links_request_id_idx', 'decision_links', ['request_id']);

  await db.schema
    .createTable('level_request_reminders')
    .addColumn('request_id', 'uuid', ownedBy('level_requests.id'))
    .addColumn('number', 'smallint', (col) => col.notNull().check(sql`number between 1 and 3`))
    .addColumn('queued_at', 'timestamptz', stampedNow)
    .addPrimaryKeyConstraint('level_request_reminders_pkey', ['request_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('level_request_reminders').execute();
  await db.schema.dropTable('decision_links').execute();
  await db.schema.alterTable('users').dropColumn('level_request_mail').execute();
}
