import type { Executor } from '@rolegate/db';
import type { EmailMessage } from '@rolegate/mail';
import { sql } from 'kysely';
import { OUTBOX_CHANNEL } from './listener.js';

export interface QueueMailInput {
  /** The same notification is queued once: a second call with this key changes nothing. */
  idempotencyKey: string;
  message: EmailMessage;
}

/**
 * Writes a message into the outbox; a worker delivers it. Call it inside the transaction of the
 * change that caused the mail, so both commit or neither. Resolves to true when this call queued
 * the message, false when one with the key was already there.
 *
 * NOTIFY inside the transaction is delivered at commit, and not at all on rollback, so listening
 * workers wake exactly when there is new mail to see. (PGlite has no other listeners; harmless.)
 */
export async function queueMail(
  db: Executor,
  { idempotencyKey, message }: QueueMailInput,
): Promise<boolean> {
  const inserted = await db
    .insertInto('mailOutbox')
    .values({ idempotencyKey, message: JSON.stringify(message.toJSON()) })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted === undefined) return false;
  await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return true;
}
