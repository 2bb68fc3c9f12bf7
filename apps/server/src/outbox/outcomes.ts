/**
 * How a claimed outbox row ends its attempt. Every update is fenced on the claim (state `sending`
 * and the attempt number the claim set): if the lease ran out and another worker claimed the row
 * again, this worker's late outcome changes nothing and the function returns false.
 */
import type { Database, Executor, OutboxMessage } from '@rolegate/db';
import { sql, type UpdateObject } from 'kysely';

/** An SMTP reply or error worth keeping in full, but never a whole transcript. */
const LAST_ERROR_MAX = 2000;

type Claimed = Pick<OutboxMessage, 'id' | 'attempts'>;

async function updateClaimed(
  db: Executor,
  row: Claimed,
  set: UpdateObject<Database, 'mailOutbox'>,
): Promise<boolean> {
  const result = await db
    .updateTable('mailOutbox')
    .set(set)
    .where('id', '=', row.id)
    .where('state', '=', 'sending')
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function markSent(db: Executor, row: Claimed): Promise<boolean> {
  return updateClaimed(db, row, {
    state: 'sent',
    sentAt: sql<Date>`now()`,
    leaseExpiresAt: null,
    lastError: null,
  });
}

/** A temporary failure: back to `pending`, due again after `delayMs` (by the database's clock). */
export function scheduleRetry(
  db: Executor,
  row: Claimed,
  delayMs: number,
  error: string,
): Promise<boolean> {
  return updateClaimed(db, row, {
    state: 'pending',
    nextAttemptAt: sql<Date>`now() + ${Math.max(0, Math.round(delayMs))} * interval '1 millisecond'`,
    leaseExpiresAt: null,
    lastError: truncate(error),
  });
}

/**
 * Given up: a permanent error, or the attempts ran out. `next_attempt_at` records the moment it was
 * given up (a failed row has no next attempt), which the mail status reads.
 */
export function markFailed(db: Executor, row: Claimed, error: string): Promise<boolean> {
  return updateClaimed(db, row, {
    state: 'failed',
    nextAttemptAt: sql<Date>`now()`,
    leaseExpiresAt: null,
    lastError: truncate(error),
  });
}

/**
 * Hands back a claimed row that was never tried (the worker is stopping, or its lease is running
 * out): due as before, and the attempt the claim counted is taken back.
 */
export function releaseClaim(db: Executor, row: Claimed): Promise<boolean> {
  return updateClaimed(db, row, {
    state: 'pending',
    attempts: row.attempts - 1,
    leaseExpiresAt: null,
  });
}

function truncate(text: string): string {
  return text.length <= LAST_ERROR_MAX ? text : `${text.slice(0, LAST_ERROR_MAX - 1)}…`;
}
