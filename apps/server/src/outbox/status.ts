import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';

/**
 * Is mail failing? Read from the outbox alone, so every server and worker process answers the same.
 * Mail is failing when any of these holds:
 * - `retrying`: a message waits for a retry, i.e. its latest attempt failed with a temporary error;
 * - `failedLastHour`: a message was given up (permanent error, or attempts used up) in the last hour
 *   (the worker stamps `next_attempt_at` with the moment it gave up);
 * - `overdue`: a message has been due for over five minutes and nobody delivered it — no worker runs
 *   (MAIL_WORKER=false and no `rolegate worker`), or one died and nothing reclaims its lease.
 * It clears by itself once retries succeed, an hour passes, or an admin retries the failed messages.
 */
export interface MailStatus {
  failing: boolean;
  /** Messages not yet delivered (pending or being sent). */
  queued: number;
  retrying: number;
  failedLastHour: number;
  overdue: number;
  /** The newest error among retrying and failed messages, for the admin banner. */
  lastError: string | null;
}

const FAILED_WINDOW = sql`interval '1 hour'`;
const OVERDUE_AFTER = sql`interval '5 minutes'`;

export async function getMailStatus(db: Executor, now?: Date): Promise<MailStatus> {
  const at = now === undefined ? sql`now()` : sql`${now.toISOString()}::timestamptz`;
  const counts = await db
    .selectFrom('mailOutbox')
    // Sent rows pile up forever; the state index keeps this to the few that are not sent.
    .where('state', 'in', ['pending', 'sending', 'failed'])
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('state', 'in', ['pending', 'sending']).as('queued'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('state', '=', 'pending'), w('lastError', 'is not', null)]))
        .as('retrying'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([
            w('state', '=', 'failed'),
            w('nextAttemptAt', '>', sql<Date>`${at} - ${FAILED_WINDOW}`),
          ]),
        )
        .as('failedLastHour'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.or([
            w.and([
              w('state', '=', 'pending'),
              w('nextAttemptAt', '<', sql<Date>`${at} - ${OVERDUE_AFTER}`),
            ]),
            w.and([
              w('state', '=', 'sending'),
              w('leaseExpiresAt', '<', sql<Date>`${at} - ${OVERDUE_AFTER}`),
            ]),
          ]),
        )
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow();

  const newestError = await db
    .selectFrom('mailOutbox')
    .select('lastError')
    .where('state', 'in', ['pending', 'failed'])
    .where('lastError', 'is not', null)
    .orderBy('nextAttemptAt', 'desc')
    .limit(1)
    .executeTakeFirst();

  const queued = Number(counts.queued);
  const retrying = Number(counts.retrying);
  const failedLastHour = Number(counts.failedLastHour);
  const overdue = Number(counts.overdue);
  return {
    failing: retrying > 0 || failedLastHour > 0 || overdue > 0,
    queued,
    retrying,
    failedLastHour,
    overdue,
    lastError: newestError?.lastError ?? null,
  };
}
