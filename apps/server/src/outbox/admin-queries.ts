import type { Executor, OutboxState } from '@rolegate/db';

/** One outbox row as the admin panel shows it. Dates are ISO strings: the API has no transformer. */
export interface OutboxMessageView {
  id: string;
  idempotencyKey: string;
  subject: string;
  to: string[];
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The mailer (a MAILERS name) it is sent with. */
  mailer: string;
  /** When its last attempt ended; null before the first. */
  lastAttemptAt: string | null;
}

const LIST_LIMIT = 200;

/**
 * The newest messages first, optionally of one state (or the one with `id`). Only the subject and
 * the recipients leave the stored message: bodies stay in the database.
 */
export async function listOutboxMessages(
  db: Executor,
  {
    state,
    id,
    limit = LIST_LIMIT,
  }: { state?: OutboxState | undefined; id?: string; limit?: number } = {},
): Promise<OutboxMessageView[]> {
  let query = db
    .selectFrom('mailOutbox')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit);
  if (state !== undefined) query = query.where('state', '=', state);
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    subject: stringField(row.message, 'subject'),
    to: stringListField(row.message, 'to'),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    mailer: row.mailer,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  }));
}

export type RetryOutcome = 'retried' | 'not-found' | 'already-sent' | 'in-flight';

/**
 * Puts a failed (or waiting) message back in the queue, due now, with its attempts reset so the
 * retry policy starts afresh. A sent message is never sent again; one being sent is left alone.
 */
export async function retryOutboxMessage(db: Executor, id: string): Promise<RetryOutcome> {
  const updated = await db
    .updateTable('mailOutbox')
    .set({ state: 'pending', attempts: 0, nextAttemptAt: new Date(), leaseExpiresAt: null })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'pending'])
    .returning('id')
    .executeTakeFirst();
  if (updated) return 'retried';
  const row = await db
    .selectFrom('mailOutbox')
    .select('state')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return 'not-found';
  return row.state === 'sent' ? 'already-sent' : 'in-flight';
}

/**
 * Puts every failed message back in the queue, due now with its attempts reset (after an admin
 * fixed the settings). Only `failed` rows move, in one statement: each goes out once more, and a
 * second click finds nothing left to move. Resolves to how many were queued again.
 */
export async function retryFailedOutboxMessages(db: Executor): Promise<number> {
  const rows = await db
    .updateTable('mailOutbox')
    .set({ state: 'pending', attempts: 0, nextAttemptAt: new Date(), leaseExpiresAt: null })
    .where('state', '=', 'failed')
    .returning('id')
    .execute();
  return rows.length;
}

function stringField(message: Record<string, unknown>, key: string): string {
  const value = message[key];
  return typeof value === 'string' ? value : '';
}

function stringListField(message: Record<string, unknown>, key: string): string[] {
  const value = message[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
