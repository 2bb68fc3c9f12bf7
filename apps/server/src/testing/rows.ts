import type { Executor, LevelRequest, User } from '@rolegate/db';

/** The person's row as stored, for tests that check what a call wrote. */
export function userRow(db: Executor, id: string): Promise<User> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The level request's row as stored. */
export function requestRow(db: Executor, id: string): Promise<LevelRequest> {
  return db.selectFrom('levelRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
