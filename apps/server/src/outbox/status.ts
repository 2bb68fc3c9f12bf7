import type { Executor } from '@rolegate/db';
import { type RawBuilder, sql } from 'kysely';

/**
 * Is mail failing? Read from the outbox alone, so every server and worker process answers the same.
 * Mail is failing when either holds:
 * - a mailer's latest outcome is a failure: a message of that mailer waits for a retry (its last
 *   attempt failed with a temporary error) or was given up in the last hour, and nothing went out
 *   through that mailer since. Once a message is sent through it again, it clears at once, without
 *   waiting for the failed message's next retry (which sets it again should that retry fail);
 * - `overdue`: a message has been due for over five minutes and nobody delivered it — no worker runs
 *   (MAIL_WORKER=false and no `rolegate worker`), or one died and nothing reclaims its lease.
 * It also clears once an hour passes or an admin retries the failed messages.
 */
export interface MailStatus {
  failing: boolean;
  /** Messages not yet delivered (pending or being sent). */
  queued: number;
  retrying: number;
  failedLastHour: number;
  overdue: number;
  /** The mailers whose latest outcome is a failure (see above), by name. */
  failingMailers: string[];
  /** The newest error of a failing mailer, for the admin banner. */
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

  const failures = await latestFailures(db, at);
  const queued = Number(counts.queued);
  const overdue = Number(counts.overdue);
  return {
    failing: failures.length > 0 || overdue > 0,
    queued,
    retrying: Number(counts.retrying),
    failedLastHour: Number(counts.failedLastHour),
    overdue,
    failingMailers: failures.map((failure) => failure.mailer),
    lastError: failures[0]?.lastError ?? null,
  };
}

/**
 * Per mailer with a recent failure (a row retrying, or failed within the hour): the newest failed
 * attempt and its error, kept only if no message went out through that mailer after it. Newest
 * first. Rows tried before last_attempt_at existed count as failed at their next_attempt_at.
 */
async function latestFailures(
  db: Executor,
  at: RawBuilder<unknown>,
): Promise<{ mailer: string; lastError: string | null }[]> {
  const { rows } = await sql<{ mailer: string; lastError: string | null; failedAt: Date }>`
    select distinct on (f.mailer)
      f.mailer, f.last_error as "lastError", f.failed_at as "failedAt"
    from (
      select mailer, last_error, coalesce(last_attempt_at, next_attempt_at) as failed_at
      from mail_outbox
      where (state = 'pending' and last_error is not null)
         or (state = 'failed' and next_attempt_at > ${at} - ${FAILED_WINDOW})
    ) as f
    where not exists (
      select 1 from mail_outbox as s
      where s.state = 'sent' and s.mailer = f.mailer and s.sent_at > f.failed_at
    )
    order by f.mailer, f.failed_at desc`.execute(db);
  return rows.sort((a, b) => new Date(b.failedAt).getTime() - new Date(a.failedAt).getTime());
}
