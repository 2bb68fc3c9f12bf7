/**
 * "A person with their pending level": the user columns the API shows and the level of the request
 * that waits for a decision, if any. One query shape and one view for every place that needs it
 * (the session of each request, auth.me, the admin's user list, a request's requester).
 */
import type { Level, PublicUser } from '@rolegate/core';
import type { Executor } from '@rolegate/db';

/** The signed-in person as procedures see them; reloaded from the database on every request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Level;
  isAdmin: boolean;
  createdAt: Date;
  emailVerified: boolean;
  /** The level of their pending request, null when none waits. */
  pendingRole: Level | null;
  /** When a time-limited level ends; null: permanent. */
  levelExpiresAt: Date | null;
}

/**
 * Every person with their pending request (`pendingRole`, `pendingRequestId`), as a subquery to
 * select from or join: `people(db).as('u')`. Postgres folds it into the outer query.
 */
export function people(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('levelRequests as pending', (join) =>
      join.onRef('pending.userId', '=', 'users.id').on('pending.status', '=', 'pending'),
    )
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.isAdmin'])
    .select(['users.createdAt', 'users.emailVerified', 'users.levelExpiresAt'])
    .select(['pending.requestedRole as pendingRole', 'pending.id as pendingRequestId']);
}

/** A person as the API shows them (`user` in docs/api.md). */
export function toPublicUser(person: SessionUser): PublicUser {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    requestedRole: person.pendingRole,
    pending: person.pendingRole !== null,
    isAdmin: person.isAdmin,
    createdAt: person.createdAt.toISOString(),
    emailVerified: person.emailVerified,
    levelExpiresAt: person.levelExpiresAt?.toISOString() ?? null,
  };
}

/** The person with this id, or null. */
export async function loadPerson(db: Executor, userId: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom(people(db).as('u'))
    .selectAll()
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const { pendingRequestId: _, ...person } = row;
  return person;
}

export async function loadPublicUser(db: Executor, userId: string): Promise<PublicUser | null> {
  const person = await loadPerson(db, userId);
  return person === null ? null : toPublicUser(person);
}

export async function loadPublicUserOrThrow(db: Executor, userId: string): Promise<PublicUser> {
  const user = await loadPublicUser(db, userId);
  if (user === null) throw new Error(`User ${userId} vanished while being read.`);
  return user;
}
