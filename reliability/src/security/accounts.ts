/**
 * People for the attack cases: someone signed up at a level, their session token as the cookie
 * carries it, and the SHA-256 the database keeps instead.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '@rolegate/db';
import { PASSWORD, type Person, type PersonOptions, person } from '../harness/index.js';

export const SESSION_COOKIE = 'rolegate_session';

export type Level = 'reader' | 'contributor' | 'editor' | 'power';

export async function signUp(
  options: PersonOptions,
  { email, role, name = 'Test Person' }: { email: string; role: Level; name?: string },
) {
  const someone = person(options);
  const { user } = await someone.trpc.auth.register.mutate({
    email,
    password: PASSWORD,
    name,
    role,
    reason: role === 'power' ? 'I look after the shared data.' : undefined,
  });
  return { person: someone, user };
}

export function sessionToken(someone: Person): string {
  const token = someone.jar.cookies.get(SESSION_COOKIE);
  if (token === undefined) throw new Error('this person has no session cookie');
  return token;
}

/** A person whose browser holds `token` (stolen, planted or made up). */
export function personWithToken(options: PersonOptions, token: string): Person {
  const holder = person(options);
  holder.jar.cookies.set(SESSION_COOKIE, token);
  return holder;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A user's row, found by id or by email; throws when there is none. */
export async function userRow(db: Executor, by: { id: string } | { email: string }) {
  const users = db.selectFrom('users').selectAll();
  const found = 'id' in by ? users.where('id', '=', by.id) : users.where('email', '=', by.email);
  return found.executeTakeFirstOrThrow();
}

/** A level request's row, found by its id or by the person who made it (their only one). */
export async function requestRow(db: Executor, by: { id: string } | { userId: string }) {
  const requests = db.selectFrom('levelRequests').selectAll();
  const found =
    'id' in by ? requests.where('id', '=', by.id) : requests.where('userId', '=', by.userId);
  return found.executeTakeFirstOrThrow();
}

export async function sessionRow(db: Executor, token: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('tokenHash', '=', tokenHash(token))
    .executeTakeFirst();
}
