import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database, NewUser, User } from '../schema.js';
import { createTestDb, type TestDb, type TestDialect } from './index.js';

/**
 * One migrated database for the enclosing describe block, on the given dialect; call the returned
 * function inside tests to reach it.
 */
export function useTestDb(dialect: TestDialect): () => TestDb {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb({ dialect });
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  return () => {
    if (testDb === undefined) throw new Error('the test database is not ready (beforeAll failed?)');
    return testDb;
  };
}

let userCounter = 0;

export async function insertUser(
  db: Kysely<Database>,
  fields: Partial<NewUser> = {},
): Promise<User> {
  userCounter += 1;
  return db
    .insertInto('users')
    .values({
      email: `user${userCounter}-${Date.now()}@example.com`,
      name: `User ${userCounter}`,
      passwordHash: 'not-a-real-hash',
      role: 'reader',
      ...fields,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
