import type { Level } from '@rolegate/core';
import type { Executor, LevelRequest } from '@rolegate/db';
import { sql } from 'kysely';
import type { AppConfig } from '../env.js';

/** What a new or pending request says: who asks, for what, why and since when. */
export type RequestFacts = Pick<
  LevelRequest,
  'id' | 'userId' | 'requestedRole' | 'reason' | 'createdAt'
>;

export interface PendingRequest {
  request: RequestFacts;
  user: { name: string; email: string; role: Level };
  remindersSent: number;
}

/**
 * Pending requests as the admins see them (with EMAIL_VERIFICATION=required, only those whose
 * address is proven: the others have not reached the admins yet), oldest first, with how many
 * reminders each has had.
 */
export async function pendingRequestsForAdmins(
  db: Executor,
  config: Pick<AppConfig, 'emailVerification'>,
  filter: {
    createdBefore?: Date;
    /** Only requests owed a reminder at `now`: one every `everyMs` since made, `max` in all. */
    reminderDue?: { now: Date; everyMs: number; max: number };
    /** Leaves out this person's own request (an admin's digest). */
    notOf?: string;
    limit: number;
  },
): Promise<PendingRequest[]> {
  let query = db
    .selectFrom('levelRequests as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select([
      'r.id',
      'r.userId',
      'r.requestedRole',
      'r.reason',
      'r.createdAt',
      'u.name',
      'u.email',
      'u.role',
      (eb) =>
        eb
          .selectFrom('levelRequestReminders as m')
          .select(sql<number>`coalesce(max(m.number), 0)::int`.as('sent'))
          .whereRef('m.requestId', '=', 'r.id')
          .as('remindersSent'),
    ])
    .where('r.status', '=', 'pending')
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .limit(filter.limit);
  if (config.emailVerification === 'required') query = query.where('u.emailVerified', '=', true);
  if (filter.createdBefore) query = query.where('r.createdAt', '<=', filter.createdBefore);
  if (filter.notOf) query = query.where('r.userId', '!=', filter.notOf);
  if (filter.reminderDue) {
    // Only requests owed a reminder now: fewer sent than the intervals passed (at most `max`), so
    // a batch is never filled with requests that are not due yet.
    const { now, everyMs, max } = filter.reminderDue;
    query = query.where(
      sql<boolean>`(select coalesce(max(m.number), 0) from level_request_reminders m where m.request_id = r.id)
        < least(${max}, floor(extract(epoch from (${now.toISOString()}::timestamptz - r.created_at)) * 1000 / ${everyMs}))`,
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    request: {
      id: row.id,
      userId: row.userId,
      requestedRole: row.requestedRole,
      reason: row.reason,
      createdAt: row.createdAt,
    },
    user: { name: row.name, email: row.email, role: row.role },
    remindersSent: Number(row.remindersSent ?? 0),
  }));
}
