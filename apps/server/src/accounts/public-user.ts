import type { PublicUser } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { toPublicUserView } from '../requests/views.js';

/** A user as the API shows them, with the level of their pending request (`user` in docs/api.md). */
export async function loadPublicUser(db: Executor, userId: string): Promise<PublicUser | null> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('levelRequests as p', (join) =>
      join.onRef('p.userId', '=', 'u.id').on('p.status', '=', 'pending'),
    )
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.isAdmin', 'u.createdAt', 'u.emailVerified'])
    .select('p.requestedRole as pendingRole')
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? null : toPublicUserView(row);
}

export async function loadPublicUserOrThrow(db: Executor, userId: string): Promise<PublicUser> {
  const user = await loadPublicUser(db, userId);
  if (user === null) throw new Error(`User ${userId} vanished while being read.`);
  return user;
}
