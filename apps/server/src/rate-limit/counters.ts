/**
 * Fixed-window counters in Postgres, so every server process shares them (README, "On several machines").
 * One upsert both counts and starts a new window when the old one ended: no read-then-write race.
 */
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';

export interface CounterState {
  count: number;
  resetAt: Date;
}

/** Adds one to `key`'s window (starting a new one of `windowMs` if it ended) and returns the total. */
export async function hitCounter(
  db: Executor,
  key: string,
  windowMs: number,
  now: Date,
): Promise<CounterState> {
  const [state] = await hitCounters(db, [key], windowMs, now);
  if (state === undefined) throw new Error(`The rate-limit counter ${key} returned no row.`);
  return state;
}

/** hitCounter for several distinct keys in one statement. */
export async function hitCounters(
  db: Executor,
  keys: readonly string[],
  windowMs: number,
  now: Date,
): Promise<(CounterState & { key: string })[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const resetAt = new Date(now.getTime() + windowMs);
  return db
    .insertInto('rateLimits')
    .values(keys.map((key) => ({ key, count: 1, resetAt })))
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.reset_at <= ${at} then 1 else rate_limits.count + 1 end`,
        resetAt: sql<Date>`case when rate_limits.reset_at <= ${at} then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['key', 'count', 'resetAt'])
    .execute();
}

/**
 * Takes attempts back in one statement: the `clear` keys' counts drop to 0, the `subtractOne`
 * keys' by one (never below 0). Their windows still end when they would have.
 */
export async function refundCounters(
  db: Executor,
  keys: { clear: readonly string[]; subtractOne: readonly string[] },
): Promise<void> {
  const all = [...keys.clear, ...keys.subtractOne];
  if (all.length === 0) return;
  const clear = keys.clear.length === 0 ? [''] : keys.clear;
  await db
    .updateTable('rateLimits')
    .set({
      count: sql<number>`case when key in (${sql.join(clear)}) then 0 else greatest(count - 1, 0) end`,
    })
    .where('key', 'in', all)
    .execute();
}

/** Housekeeping: windows that ended carry no information. */
export async function deleteEndedWindows(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('rateLimits').where('resetAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
