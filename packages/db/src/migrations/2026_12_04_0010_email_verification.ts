import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, ownedBy, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email_verified', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  // Accounts made before verification existed keep working: they are treated as proven.
  await sql`update users set email_verified = true`.execute(db);

  await createTableWithId(db, 'account_tokens')
    // SHA-256 of the token in the link: a leaked table cannot be replayed as links.
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('user_id', 'uuid', ownedBy('users.id'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    // The address the link proves: the account's at the time (verify, reset) or the new one (change).
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint(
      'account_tokens_purpose_check',
      sql`purpose in ('verify_email', 'reset_password', 'change_email')`,
    )
    .execute();
  // Voiding a person's older links of a purpose, and sweeping.
  await createIndex(db, 'account_tokens_user_purpose_idx', 'account_tokens', [
    'user_id',
    'purpose',
  ]);
  await createIndex(db, 'account_tokens_expires_at_idx', 'account_tokens', ['expires_at']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_tokens').execute();
  await db.schema.alterTable('users').dropColumn('email_verified').execute();
}
