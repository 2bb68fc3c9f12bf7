import type { Executor } from '@rolegate/db';
import type { EmailMessage } from '@rolegate/mail';
import { sql } from 'kysely';
import { OUTBOX_CHANNEL } from './listener.js';

export interface QueueMailInput {
  /** The same notification is queued once: a second call with this key changes nothing. */
  idempotencyKey: string;
  message: EmailMessage;
  /** The mailer (a MAILERS name) to send it with; default "default". */
  mailer?: string;
}

/** A message as its mail_outbox row holds it, for statements that insert it with their change. */
export interface OutboxRow {
  idempotencyKey: string;
  message: string;
  mailer?: string;
}

export function outboxRow({ idempotencyKey, message, mailer }: QueueMailInput): OutboxRow {
  const row = { idempotencyKey, message: JSON.stringify(message.toJSON()) };
  return mailer === undefined ? row : { ...row, mailer };
}

/**
 * For the RETURNING clause of an outbox insert: evaluated once per row actually inserted, so
 * listening workers are woken exactly when there is new mail, in the same round trip as the insert.
 * NOTIFY inside a transaction is delivered at commit, and not at all on rollback. (PGlite has no
 * other listeners; harmless.)
 */
export const wakeOutboxWorkers = sql<string>`pg_notify(${OUTBOX_CHANNEL}, '')`.as('woken');

/**
 * Writes a message into the outbox; a worker delivers it. Call it inside the transaction of the
 * change that caused the mail, so both commit or neither. Resolves to true when this call queued
 * the message, false when one with the key was already there. One statement: the insert and the
 * workers' wake-up.
 */
export async function queueMail(db: Executor, input: QueueMailInput): Promise<boolean> {
  const inserted = await db
    .insertInto('mailOutbox')
    .values(outboxRow(input))
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning(['id', wakeOutboxWorkers])
    .executeTakeFirst();
  return inserted !== undefined;
}
