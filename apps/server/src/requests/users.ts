import type { PublicUser } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { people, toPublicUser } from '../accounts/person.js';

export interface AdminUserView extends PublicUser {
  /** The request waiting for a decision, so the panel can link to it; else null. */
  pendingRequestId: string | null;
}

/** Everyone, newest account first, with their level and pending request (admin.users). */
export async function listUsersForAdmin(db: Executor): Promise<AdminUserView[]> {
  const rows = await db
    .selectFrom(people(db).as('u'))
    .selectAll()
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
  return rows.map(({ pendingRequestId, ...person }) => ({
    ...toPublicUser(person),
    pendingRequestId,
  }));
}
