/**
 * Fixed-window counters in Postgres, so every server process shares them (DESIGN.md "Scaling out").
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
  const at = sql`${now.toISOString()}::timestamptz`;
  const row = await db
    .insertInto('rateLimits')
    .values({ key, count: 1, resetAt: new Date(now.getTime() + windowMs) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.reset_at <= ${at} then 1 else rate_limits.count + 1 end`,
        resetAt: sql<Date>`case when rate_limits.reset_at <= ${at} then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['count', 'resetAt'])
    .executeTakeFirstOrThrow();
  return row;
}

/** The current window's count without adding to it; null when no window is open. */
export async function peekCounter(
  db: Executor,
  key: string,
  now: Date,
): Promise<CounterState | null> {
  const row = await db
    .selectFrom('rateLimits')
    .select(['count', 'resetAt'])
    .where('key', '=', key)
    .where('resetAt', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

export async function clearCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rateLimits').where('key', '=', key).execute();
}

/** Housekeeping: windows that ended carry no information. */
export async function deleteEndedWindows(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('rateLimits').where('resetAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
