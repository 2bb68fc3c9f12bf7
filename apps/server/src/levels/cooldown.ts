/**
 * After a denial, the same level may be asked for again only LEVEL_REQUEST_COOLDOWN_HOURS later
 * (0: at once): TOO_MANY_REQUESTS naming the time, with retryAfterSeconds.
 */
import { ACCESS_TABLE, type Level } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { AppConfig } from '../env.js';
import { rateLimitedError } from '../errors.js';

const HOUR_MS = 60 * 60 * 1000;

export async function refuseDuringCooldown(
  db: Executor,
  config: Pick<AppConfig, 'levelRequestCooldownHours'>,
  facts: { userId: string; role: Level; now: Date },
): Promise<void> {
  if (config.levelRequestCooldownHours === 0) return;
  const since = new Date(facts.now.getTime() - config.levelRequestCooldownHours * HOUR_MS);
  const denial = await db
    .selectFrom('levelRequests')
    .select('decidedAt')
    .where('userId', '=', facts.userId)
    .where('requestedRole', '=', facts.role)
    .where('status', '=', 'denied')
    .where('decidedAt', '>', since)
    .orderBy('decidedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (denial?.decidedAt == null) return;
  const again = new Date(denial.decidedAt.getTime() + config.levelRequestCooldownHours * HOUR_MS);
  const seconds = Math.max(1, Math.ceil((again.getTime() - facts.now.getTime()) / 1000));
  throw rateLimitedError(
    `Your request for ${ACCESS_TABLE[facts.role].label} was denied at ${denial.decidedAt.toISOString()}; you can ask for it again from ${again.toISOString()}.`,
    seconds,
  );
}
