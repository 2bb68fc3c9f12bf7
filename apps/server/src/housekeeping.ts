/**
 * Rows that carry no information any more: expired sessions and rate-limit windows that ended.
 * Reads never depend on this (they filter by time); it only keeps the tables small. Running it in
 * every server process is harmless: the deletes are idempotent.
 */
import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import { deleteExpiredSessions } from './accounts/sessions.js';
import { deleteEndedWindows } from './rate-limit/counters.js';

const HOUR_MS = 60 * 60 * 1000;

export async function sweepExpired(db: Executor, now: Date) {
  return {
    sessions: await deleteExpiredSessions(db, now),
    rateLimits: await deleteEndedWindows(db, now),
  };
}

export function startHousekeeping(db: Executor, logger: Logger): { stop(): void } {
  const run = () =>
    sweepExpired(db, new Date()).then(
      (deleted) => logger.debug({ deleted }, 'housekeeping'),
      (error: unknown) => logger.warn({ err: error }, 'housekeeping failed'),
    );
  const timer = setInterval(run, HOUR_MS);
  // Never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
