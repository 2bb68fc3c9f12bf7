/**
 * Reminders of requests nobody decided: a request still pending REQUEST_REMINDER_HOURS after it
 * was made is mailed again to the admins who get each request, again after twice that, and a
 * third time after three times that; never more. Each reminder is claimed by inserting its
 * (request, number) row, so however many workers run, one of them queues it, once.
 */
import type { Database, Executor } from '@rolegate/db';
import type { Transaction } from 'kysely';
import type { AppConfig } from '../env.js';
import { levelRequestMails, type NotifyConfig, queueRequestMails } from './level-request.js';
import { levelRequestAudience } from './level-request-audience.js';
import { pendingRequestsForAdmins } from './pending-requests.js';

export const MAX_REMINDERS = 3;
const HOUR_MS = 60 * 60 * 1000;
/** Requests looked at per run; the rest wait for the next run a minute later. */
const BATCH = 100;

export type ReminderConfig = NotifyConfig &
  Pick<AppConfig, 'requestReminderHours' | 'emailVerification'>;

/** Queues the reminders due at `now`; resolves to how many requests were reminded. */
export async function queueDueReminders(
  db: Executor,
  config: ReminderConfig,
  now: Date,
): Promise<number> {
  if (config.requestReminderHours === 0) return 0;
  const everyMs = config.requestReminderHours * HOUR_MS;
  const candidates = await pendingRequestsForAdmins(db, config, {
    createdBefore: new Date(now.getTime() - everyMs),
    reminderDue: { now, everyMs, max: MAX_REMINDERS },
    limit: BATCH,
  });
  let reminded = 0;
  for (const candidate of candidates) {
    // A request seen late (the worker was down) gets the reminder it is due for, not each one missed.
    const due = Math.min(
      MAX_REMINDERS,
      Math.floor((now.getTime() - candidate.request.createdAt.getTime()) / everyMs),
    );
    if (due <= candidate.remindersSent) continue;
    const queued = await db
      .transaction()
      .execute((trx) => remind(trx, config, candidate, due, now));
    if (queued) reminded += 1;
  }
  return reminded;
}

async function remind(
  trx: Transaction<Database>,
  config: ReminderConfig,
  candidate: Awaited<ReturnType<typeof pendingRequestsForAdmins>>[number],
  number: number,
  now: Date,
): Promise<boolean> {
  // Locks the request: an admin deciding it now either commits first (no reminder) or waits.
  const request = await trx
    .selectFrom('levelRequests')
    .select('status')
    .where('id', '=', candidate.request.id)
    .forUpdate()
    .executeTakeFirst();
  if (request?.status !== 'pending') return false;
  const claimed = await trx
    .insertInto('levelRequestReminders')
    .values({ requestId: candidate.request.id, number, queuedAt: now })
    .onConflict((oc) => oc.columns(['requestId', 'number']).doNothing())
    .returning('number')
    .executeTakeFirst();
  if (claimed === undefined) return false;
  const audience = await levelRequestAudience(trx, config, candidate.request.userId);
  await queueRequestMails(
    trx,
    levelRequestMails(config, candidate, audience, { now, reminder: number }),
  );
  return true;
}
