import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('message', 'jsonb', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    // The same notification is queued once, whatever retries or double submits happen.
    .addUniqueConstraint('mail_outbox_idempotency_key_key', ['idempotency_key'])
    .addCheckConstraint(
      'mail_outbox_state_check',
      sql`state in ('pending', 'sending', 'sent', 'failed')`,
    )
    .execute();

  // Serves claimDueMessages(): state = 'pending' and next_attempt_at <= now, in next_attempt_at order.
  await db.schema
    .createIndex('mail_outbox_state_next_attempt_at_idx')
    .on('mail_outbox')
    .columns(['state', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
}
