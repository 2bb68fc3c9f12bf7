import { grantFor, type RegisterInput } from '@rolegate/core';
import { constraints, isUniqueViolation, type User } from '@rolegate/db';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import { consumeSignupAllowance } from '../rate-limit/limits.js';
import { openLevelRequest } from '../requests/open.js';
import { hashPassword } from './passwords.js';
import { insertUser } from './users.js';

export const EMAIL_TAKEN = 'An account with this email already exists.';

/**
 * Creates the account at the level the access table grants at once. A level that needs approval
 * also opens a request and queues the admins' mail: user, request and mail commit together or not
 * at all (one transaction).
 */
export async function registerUser(ctx: Context, input: RegisterInput): Promise<User> {
  await consumeSignupAllowance(ctx);
  const grant = grantFor(input.role);
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, {
        email: input.email,
        name: input.name,
        passwordHash,
        role: grant.role,
      });
      if (grant.requestedRole !== null) {
        await openLevelRequest(trx, ctx.config, {
          user,
          role: grant.requestedRole,
          reason: input.reason,
        });
      }
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, constraints.usersEmailUnique)) {
      throw fieldError('CONFLICT', 'email', EMAIL_TAKEN);
    }
    throw error;
  }
}
