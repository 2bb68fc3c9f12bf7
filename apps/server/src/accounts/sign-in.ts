import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginInput } from '@rolegate/core';
import type { User } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context.js';
import { countSignInAttempt, forgiveSignIn } from '../rate-limit/limits.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';
import { setSessionCookie } from './session-cookie.js';
import { createSession, revokeSession, sessionClientOf } from './sessions.js';
import { findUserByEmail } from './users.js';

/** One answer for an unknown email and a wrong password, so the form does not reveal accounts. */
export const WRONG_CREDENTIALS = 'Wrong email or password.';

/**
 * The attempt is counted before the password is checked (a refused one costs no hash); a wrong
 * password needs nothing more recorded, a right one takes its attempt back.
 */
export async function checkCredentials(ctx: Context, input: LoginInput): Promise<User> {
  const { delayMs } = await countSignInAttempt(ctx, input.email);
  if (delayMs > 0) await sleep(delayMs);
  const user = await findUserByEmail(ctx.db, input.email);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (user === undefined || !valid) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
  }
  await forgiveSignIn(ctx, input.email);
  return user;
}

/** Opens a session and sets its cookie; a session the request already carried is replaced. */
export async function startSession(ctx: Context, userId: string): Promise<void> {
  if (ctx.sessionTokenHash !== null) await revokeSession(ctx.db, ctx.sessionTokenHash);
  const session = await createSession(ctx.db, userId, ctx.now(), sessionClientOf(ctx));
  setSessionCookie(ctx, session.token, session.expiresAt);
}
