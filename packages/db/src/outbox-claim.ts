import { sql } from 'kysely';
import type { Executor } from './create-db.js';
import type { OutboxMessage } from './schema.js';

export interface ClaimOptions {
  /** At most this many rows. */
  limit: number;
  /** How long the claim holds: a worker that dies mid-send loses the rows after this. */
  leaseMs: number;
  /** The clock to compare against; defaults to the database's now(). */
  now?: Date;
}

/**
 * Claims due outbox rows for one worker: pending rows whose next attempt is due, and `sending` rows
 * whose lease expired (their worker died). They become `sending`, leased until now + leaseMs, with
 * one more attempt counted.
 *
 * One statement, so it is atomic on its own: FOR UPDATE SKIP LOCKED makes concurrent workers pass
 * over rows another is claiming instead of waiting for them or claiming them twice. (PGlite has one
 * connection: there claims simply run one after another.)
 */
export async function claimDueMessages(
  db: Executor,
  { limit, leaseMs, now }: ClaimOptions,
): Promise<OutboxMessage[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`claimDueMessages: limit must be a whole number ≥ 1, got ${limit}.`);
  }
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new RangeError(`claimDueMessages: leaseMs must be > 0, got ${leaseMs}.`);
  }
  const at = now === undefined ? sql<Date>`now()` : sql<Date>`${now.toISOString()}::timestamptz`;
  const leaseEnd = sql<Date>`${at} + ${leaseMs}::double precision * interval '1 millisecond'`;

  const rows = await db
    .updateTable('mailOutbox')
    .set((eb) => ({
      state: 'sending',
      leaseExpiresAt: leaseEnd,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mailOutbox')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('state', '=', 'pending'), w('nextAttemptAt', '<=', at)]),
            w.and([w('state', '=', 'sending'), w('leaseExpiresAt', '<', at)]),
          ]),
        )
        .orderBy('nextAttemptAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();

  // UPDATE … RETURNING has no order of its own: hand rows back in the order they were due.
  return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}
