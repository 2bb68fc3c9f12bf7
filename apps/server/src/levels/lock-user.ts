import type { Executor, User } from '@rolegate/db';
import { fieldError } from '../errors.js';

/**
 * The person's row, locked until the transaction ends: a level change, an approval and the expiry
 * job touching the same person take turns. NOT_FOUND naming userId when there is nobody.
 */
export async function lockUser(db: Executor, userId: string): Promise<User> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (user === undefined) {
    throw fieldError('NOT_FOUND', 'userId', `No account has the id ${userId}.`);
  }
  return user;
}
