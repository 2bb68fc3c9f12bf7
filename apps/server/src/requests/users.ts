import type { EntryCursor, Level, PublicUser } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { people, toPublicUser } from '../accounts/person.js';
import { beyondCursor, createdAtMicros, splitPage } from '../entries/cursor.js';
import { nameOrEmailContains } from './search.js';

export interface AdminUserView extends PublicUser {
  /** The request waiting for a decision, so the panel can link to it; else null. */
  pendingRequestId: string | null;
}

export interface UsersFilter {
  /** Part of the name or email, any case. */
  q?: string | undefined;
  role?: Level | undefined;
}

/** One page of people, newest account first, with their level and pending request (admin.users). */
export async function listUsersForAdmin(
  db: Executor,
  filter: UsersFilter,
  page: { cursor: EntryCursor | undefined; limit: number },
): Promise<{ users: AdminUserView[]; next: EntryCursor | null }> {
  let query = db
    .selectFrom(people(db).as('u'))
    .selectAll()
    .select(createdAtMicros('u').as('createdAtMicros'))
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .limit(page.limit + 1);
  if (filter.q) query = query.where(nameOrEmailContains('u', filter.q));
  if (filter.role) query = query.where('u.role', '=', filter.role);
  if (page.cursor) query = query.where(beyondCursor('u', page.cursor, 'older'));
  const { rows, next } = splitPage(await query.execute(), page.limit);
  return {
    users: rows.map(({ pendingRequestId, createdAtMicros: _, ...person }) => ({
      ...toPublicUser(person),
      pendingRequestId,
    })),
    next,
  };
}
