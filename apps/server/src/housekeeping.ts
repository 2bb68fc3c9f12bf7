/**
 * Rows that carry no information any more: expired sessions and links, rate-limit windows that ended, and
 * mail sent longer ago than OUTBOX_RETENTION_DAYS. Reads never depend on this (they filter by time
 * or state); it only keeps the tables small. Running it in every server process is harmless: the
 * deletes are idempotent.
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import { deleteDeadTokens } from './accounts/account-tokens.js';
import { deleteExpiredSessions } from './accounts/sessions.js';
import { deleteExpiredDecisionLinks } from './decisions/links.js';
import { deleteEndedWindows } from './rate-limit/counters.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per DELETE, so a first sweep over years of sent mail holds no huge transaction. */
const SENT_MAIL_BATCH = 5_000;

export interface HousekeepingOptions {
  /** Sent mail older than this many days is deleted; 0 keeps it forever. */
  outboxRetentionDays: number;
}

export async function sweepExpired(db: Executor, now: Date) {
  return {
    sessions: await deleteExpiredSessions(db, now),
    rateLimits: await deleteEndedWindows(db, now),
    accountTokens: await deleteDeadTokens(db, now),
    decisionLinks: await deleteExpiredDecisionLinks(db, now),
  };
}

/**
 * Deletes mail that was sent before `cutoff`. Only `sent` rows: a pending, sending or failed message
 * is never lost to housekeeping, however old. Once a row is gone its idempotency key may be queued
 * again, which is why the retention is counted in days, not minutes.
 */
export async function deleteSentMailBefore(
  db: Executor,
  cutoff: Date,
  batchSize = SENT_MAIL_BATCH,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom('mailOutbox')
      .where('state', '=', 'sent')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mailOutbox')
          .select('id')
          .where('state', '=', 'sent')
          .where('sentAt', '<', cutoff)
          .limit(batchSize),
      )
      .executeTakeFirst();
    const batch = Number(result.numDeletedRows);
    deleted += batch;
    if (batch < batchSize) return deleted;
  }
}

export async function runHousekeeping(db: Executor, now: Date, options: HousekeepingOptions) {
  const expired = await sweepExpired(db, now);
  const sentMail =
    options.outboxRetentionDays === 0
      ? 0
      : await deleteSentMailBefore(
          db,
          new Date(now.getTime() - options.outboxRetentionDays * DAY_MS),
        );
  return { ...expired, sentMail };
}

export function startHousekeeping(
  db: Executor,
  logger: Logger,
  options: HousekeepingOptions,
): { stop(): void } {
  const run = () =>
    runHousekeeping(db, new Date(), options).then(
      (deleted) => logger.debug({ deleted }, 'housekeeping'),
      (error: unknown) => logger.warn({ err: error }, 'housekeeping failed'),
    );
  const timer = setInterval(run, HOUR_MS);
  // Never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
