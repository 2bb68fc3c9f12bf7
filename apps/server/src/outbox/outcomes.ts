/**
 * How claimed outbox rows end their attempt, many rows to a statement. Every update is fenced on
 * its row's claim (state `sending` and the attempt number the claim set): if the lease ran out and
 * another worker claimed the row again, this worker's late outcome changes nothing, and the row's
 * id is missing from the ids returned.
 */
import type { Executor, OutboxMessage } from '@rolegate/db';
import { sql } from 'kysely';

/** An SMTP reply or error worth keeping in full, but never a whole transcript. */
const LAST_ERROR_MAX = 2000;

type Claimed = Pick<OutboxMessage, 'id' | 'attempts'>;

/** How one attempt at a claimed row ended. */
export type Outcome =
  | { kind: 'sent' }
  /** A temporary failure: back to `pending`, due again after `delayMs` (by the database's clock). */
  | { kind: 'retry'; delayMs: number; error: string }
  /**
   * Given up: a permanent error, or the attempts ran out. `next_attempt_at` records the moment it
   * was given up (a failed row has no next attempt), which the mail status reads.
   */
  | { kind: 'failed'; error: string };

export interface ClaimOutcome {
  row: Claimed;
  outcome: Outcome;
}

const OUTCOME_STATE = { sent: 'sent', retry: 'pending', failed: 'failed' } as const;

/** Records the outcomes of claimed rows; resolves to the ids whose claim still held. */
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
      last_error = o.error,
      last_attempt_at = now()
    from unnest(
      ${ids}::uuid[], ${attempts}::integer[], ${states}::text[],
      ${delays}::double precision[], ${errors}::text[]
    ) as o(id, attempts, state, delay_ms, error)
    where m.id = any(${ids}::uuid[])
      and m.id = o.id and m.state = 'sending' and m.attempts = o.attempts
    returning m.id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

/**
 * Hands back claimed rows that were never tried (the worker is stopping, its lease is running out,
 * or the database failed mid-batch): due as before, and the attempt the claim counted taken back.
 * Resolves to the ids handed back.
 */
export async function releaseClaims(
  db: Executor,
  claims: readonly Claimed[],
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const ids = claims.map((row) => row.id);
  const attempts = claims.map((row) => row.attempts);
  const { rows } = await sql<{ id: string }>`
    update mail_outbox as m set
      state = 'pending',
      attempts = m.attempts - 1,
      lease_expires_at = null
    from unnest(${ids}::uuid[], ${attempts}::integer[]) as o(id, attempts)
    where m.id = any(${ids}::uuid[])
      and m.id = o.id and m.state = 'sending' and m.attempts = o.attempts
    returning m.id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

function truncate(text: string): string {
  return text.length <= LAST_ERROR_MAX ? text : `${text.slice(0, LAST_ERROR_MAX - 1)}…`;
}
