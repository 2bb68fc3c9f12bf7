/** Direct SQL views of the outcome a case asserts: requests, their notifications, the audit. */
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';

export interface RequestNotification {
  requestId: string;
  email: string;
  /** The admins' notification row for the request, or null when none was queued. */
  state: string | null;
  messageId: string | null;
  lastError: string | null;
}

/** Every level request with its admins' notification (key `level-request:<id>:admins`). */
export async function requestNotifications(db: Executor): Promise<RequestNotification[]> {
  const rows = await db
    .selectFrom('levelRequests as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .leftJoin('mailOutbox as m', (join) =>
      join.on(
        'm.idempotencyKey',
        '=',
        sql<string>`'level-request:' || ${sql.ref('r.id')} || ':admins'`,
      ),
    )
    .select([
      'r.id as requestId',
      'u.email',
      'm.state',
      sql<string | null>`m.message->>'messageId'`.as('messageId'),
      'm.lastError',
    ])
    .execute();
  return rows.map((row) => ({
    requestId: row.requestId,
    email: row.email,
    state: row.state ?? null,
    messageId: row.messageId,
    lastError: row.lastError ?? null,
  }));
}

/**
 * Half-written sign-ups: applicants (emails matching `emailLike`, e.g. '%@applicants.test') who
 * asked for power but have no request row.
 */
export async function usersWithoutRequest(db: Executor, emailLike: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('levelRequests as r', 'r.userId', 'u.id')
    .select('u.email')
    .where('u.isAdmin', '=', false)
    .where('u.email', 'like', emailLike)
    .where('r.id', 'is', null)
    .execute();
  return rows.map((row) => row.email);
}

/** Outbox rows by state. */
export async function outboxStates(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('mailOutbox')
    .select(['state', db.fn.countAll<string>().as('count')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}
