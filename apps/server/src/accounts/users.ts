import type { Level } from '@rolegate/core';
import type { Executor, User } from '@rolegate/db';
import { sql } from 'kysely';

/** Emails are unique case-insensitively (a unique index on lower(email)); compare the same way. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', sql`lower(${email.trim()})`)
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  values: {
    email: string;
    name: string;
    passwordHash: string;
    role: Level;
    isAdmin?: boolean;
    emailVerified?: boolean;
  },
): Promise<User> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function setUserRole(db: Executor, id: string, role: Level, now: Date): Promise<void> {
  await db.updateTable('users').set({ role, updatedAt: now }).where('id', '=', id).execute();
}
