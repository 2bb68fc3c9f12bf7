import type { Level } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';
import type { AppConfig } from '../env.js';

export interface PendingRequest {
  request: {
    id: string;
    userId: string;
    requestedRole: Level;
    reason: string | null;
    createdAt: Date;
  };
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
    withRemindersBelow?: number;
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
  if (filter.withRemindersBelow !== undefined) {
    const below = filter.withRemindersBelow;
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('levelRequestReminders as m')
            .select('m.number')
            .whereRef('m.requestId', '=', 'r.id')
            .where('m.number', '>=', below),
        ),
      ),
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
