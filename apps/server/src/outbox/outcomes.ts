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

/** How one attempt at a claimed row ended. */
export type Outcome =
  | { kind: 'sent' }
  /** A temporary failure: due again after `delayMs`. */
  | { kind: 'retry'; delayMs: number; error: string }
  /** Given up: a permanent error, or the attempts ran out. */
  | { kind: 'failed'; error: string };

export interface ClaimOutcome {
  row: Claimed;
  outcome: Outcome;
}

/**
 * Records the outcomes of many claimed rows in one statement, each exactly as markSent,
 * scheduleRetry and markFailed would, and each fenced on its own claim. Resolves to the ids whose
 * claim still held (the others belong to another worker now, and were left alone).
 */
export async function recordOutcomes(
  db: Executor,
  outcomes: readonly ClaimOutcome[],
): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const ids = outcomes.map(({ row }) => row.id);
  const attempts = outcomes.map(({ row }) => row.attempts);
  const states = outcomes.map(({ outcome }) => OUTCOME_STATE[outcome.kind]);
  const delays = outcomes.map(({ outcome }) =>
    outcome.kind === 'retry' ? Math.max(0, Math.round(outcome.delayMs)) : 0,
  );
  const errors = outcomes.map(({ outcome }) =>
    outcome.kind === 'sent' ? null : truncate(outcome.error),
  );
  // `m.id = any(ids)` as well as the join: joined with unnest() alone, the planner may scan the
  // whole table (sent mail stays for weeks) instead of looking each id up in the primary key.
  const { rows } = await sql<{ id: string }>`
    update mail_outbox as m set
      state = o.state,
      sent_at = case when o.state = 'sent' then now() else m.sent_at end,
      next_attempt_at = case o.state
        when 'pending' then now() + o.delay_ms * interval '1 millisecond'
        when 'failed' then now()
        else m.next_attempt_at end,
      lease_expires_at = null,
      last_error = o.error
    from unnest(
      ${ids}::uuid[], ${attempts}::integer[], ${states}::text[],
      ${delays}::double precision[], ${errors}::text[]
    ) as o(id, attempts, state, delay_ms, error)
    where m.id = any(${ids}::uuid[])
      and m.id = o.id and m.state = 'sending' and m.attempts = o.attempts
    returning m.id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

const OUTCOME_STATE = { sent: 'sent', retry: 'pending', failed: 'failed' } as const;

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
