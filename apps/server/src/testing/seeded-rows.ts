/**
 * Rows written straight into the tables, many at once (the admin lists, the request jobs): the same
 * creation time for several, so the id has to break ties. And a signed-in HTTP client that may be an
 * admin.
 */
import type { Level } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { TestClient, TestServer } from './test-server.js';

export interface SeededPerson {
  id: string;
  name: string;
  email: string;
}

/** People with these names (emails `<slug>@seed.test`), all created at `createdAt`. */
export async function insertPeople(
  db: Executor,
  people: { name: string; email: string; role?: Level; emailVerified?: boolean }[],
  createdAt: Date,
): Promise<SeededPerson[]> {
  if (people.length === 0) return [];
  return db
    .insertInto('users')
    .values(
      people.map((person) => ({
        name: person.name,
        email: person.email,
        passwordHash: 'not a hash: these people never sign in',
        role: person.role ?? 'reader',
        emailVerified: person.emailVerified ?? true,
        createdAt,
      })),
    )
    .returning(['id', 'name', 'email'])
    .execute();
}

/** One pending `power` request for each of these people, all created at `createdAt`. */
export async function insertPendingRequests(
  db: Executor,
  userIds: string[],
  createdAt: Date,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .insertInto('levelRequests')
    .values(userIds.map((userId) => ({ userId, requestedRole: 'power' as const, createdAt })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** A client signed in over HTTP as a new account; `admin: true` makes it an admin. */
export async function signedInClient(
  s: TestServer,
  options: { admin: boolean; name?: string; email?: string },
): Promise<TestClient & { userId: string }> {
  const client = s.client();
  const { user } = await client.trpc.auth.register.mutate({
    email:
      options.email ?? `${options.admin ? 'admin' : 'reader'}-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery staple',
    name: options.name ?? (options.admin ? 'Admin' : 'Reader'),
    role: 'reader',
  });
  if (options.admin) {
    await s.db.updateTable('users').set({ isAdmin: true }).where('id', '=', user.id).execute();
  }
  return { ...client, userId: user.id };
}
