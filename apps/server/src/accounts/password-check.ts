import type { User } from '@rolegate/db';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import { verifyPassword } from './passwords.js';
import type { SessionUser } from './person.js';
import { findUserById } from './users.js';

/**
 * The signed-in person's row, once they have typed their password again: a change to the account
 * (its address, its password) needs more than a session someone else may be sitting at. A wrong
 * password is BAD_REQUEST at `field`, with `message`.
 */
export async function userAfterPasswordCheck(
  ctx: Context & { user: SessionUser },
  password: string,
  wrong: { field: string; message: string },
): Promise<User> {
  const user = await findUserById(ctx.db, ctx.user.id);
  if (user === undefined || !(await verifyPassword(user.passwordHash, password))) {
    throw fieldError('BAD_REQUEST', wrong.field, wrong.message);
  }
  return user;
}
