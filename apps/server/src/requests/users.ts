import type { PublicUser } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { toPublicUserView } from './views.js';

export interface AdminUserView extends PublicUser {
  /** The request waiting for a decision, so the panel can link to it; else null. */
  pendingRequestId: string | null;
}

/** Everyone, newest account first, with their level and pending request (admin.users). */
export async function listUsersForAdmin(db: Executor): Promise<AdminUserView[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('levelRequests as p', (join) =>
      join.onRef('p.userId', '=', 'u.id').on('p.status', '=', 'pending'),
    )
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.isAdmin', 'u.createdAt', 'u.emailVerified'])
    .select(['p.requestedRole as pendingRole', 'p.id as pendingRequestId'])
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...toPublicUserView(row), pendingRequestId: row.pendingRequestId }));
}
