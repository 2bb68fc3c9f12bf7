import { type Kysely, sql } from 'kysely';
import { createIndex, createTableWithId, stampedNow } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'mail_outbox')
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('message', 'jsonb', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', stampedNow)
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', stampedNow)
    .addColumn('sent_at', 'timestamptz')
    // The same notification is queued once, whatever retries or double submits happen.
    .addUniqueConstraint('mail_outbox_idempotency_key_key', ['idempotency_key'])
    .addCheckConstraint(
      'mail_outbox_state_check',
      sql`state in ('pending', 'sending', 'sent', 'failed')`,
    )
    .execute();

  // Serves claimDueMessages(): state = 'pending' and next_attempt_at <= now, in next_attempt_at order.
  await createIndex(db, 'mail_outbox_state_next_attempt_at_idx', 'mail_outbox', [
    'state',
    'next_attempt_at',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
}
