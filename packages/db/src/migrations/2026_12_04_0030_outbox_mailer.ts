import type { Kysely } from 'kysely';
import { createIndex, dropColumns } from './steps.js';

/**
 * Queued mail remembers its mailer (a MAILERS name; rows queued before this say "default"), and
 * every row records when it was last tried, so the mail status can tell whether mail went out
 * after a failure: the latest deliveries decide, not the failed row's next retry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('mailer', 'text', (col) => col.notNull().defaultTo('default'))
    .addColumn('last_attempt_at', 'timestamptz')
    .execute();
  // Serves the mail status: "was anything sent through this mailer after that failure?" looks at
  // the newest sent rows of one mailer only, however many weeks of sent mail the table holds.
  await createIndex(db, 'mail_outbox_mailer_sent_at_idx', 'mail_outbox', ['mailer', 'sent_at'], {
    where: ['state', '=', 'sent'],
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_mailer_sent_at_idx').execute();
  await dropColumns(db, 'mail_outbox', ['mailer', 'last_attempt_at']);
}
