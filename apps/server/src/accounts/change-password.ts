import type { ChangePasswordInput } from '@rolegate/core';
import type { Executor, User } from '@rolegate/db';
import type { Context } from '../context.js';
import type { AppConfig } from '../env.js';
import { passwordChangedMail } from '../notifications/account.js';
import { queueMail } from '../outbox/queue.js';
import { consumeAccountMailAllowance } from '../rate-limit/account-mail-limits.js';
import { userAfterPasswordCheck } from './password-check.js';
import { hashPassword } from './passwords.js';
import type { SessionUser } from './person.js';
import { revokeOtherSessions } from './session-list.js';

export const WRONG_CURRENT_PASSWORD = 'Your current password is not this one.';

/**
 * account.changePassword: needs the current password; every other session ends (whoever else was
 * in is out), and the person is mailed that it happened.
 */
export async function changePassword(
  ctx: Context & { user: SessionUser },
  input: ChangePasswordInput,
): Promise<void> {
  const user = await userAfterPasswordCheck(ctx, input.currentPassword, {
    field: 'currentPassword',
    message: WRONG_CURRENT_PASSWORD,
  });
  await consumeAccountMailAllowance(ctx, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await setPassword(trx, ctx.config, { user, passwordHash, now: ctx.now() });
    await revokeOtherSessions(trx, user.id, ctx.sessionTokenHash);
  });
}

/** Stores a new password hash and queues the "your password was changed" notice with it. */
export async function setPassword(
  db: Executor,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  change: { user: Pick<User, 'id' | 'name' | 'email'>; passwordHash: string; now: Date },
): Promise<void> {
  const { user, passwordHash, now } = change;
  await db
    .updateTable('users')
    .set({ passwordHash, updatedAt: now })
    .where('id', '=', user.id)
    .execute();
  await queueMail(
    db,
    passwordChangedMail(config, { userId: user.id, name: user.name, email: user.email, at: now }),
  );
}
