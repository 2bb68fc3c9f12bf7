import { type Kysely, sql } from 'kysely';
import { createTableWithId, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'users')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('is_admin', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('updated_at', 'timestamptz', stampedNow)
    // A missing or unknown level must never be read as a higher one: refuse it at the source.
    .addCheckConstraint(
      'users_role_check',
      sql`role in ('reader', 'contributor', 'editor', 'power')`,
    )
    .execute();

  // Emails are unique case-insensitively; the address is kept as typed.
  await sql`create unique index users_email_lower_key on users (lower(email))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
