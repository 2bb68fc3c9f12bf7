import type { ChangeEmailInput } from '@rolegate/core';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import { emailChangeNoticeMail } from '../notifications/account.js';
import { queueMail } from '../outbox/queue.js';
import { consumeAccountMailAllowance } from '../rate-limit/account-mail-limits.js';
import { voidTokens } from './account-tokens.js';
import { queueVerificationLink } from './email-verification.js';
import { userAfterPasswordCheck } from './password-check.js';
import type { SessionUser } from './person.js';
import { EMAIL_TAKEN } from './register.js';
import { findUserByEmail } from './users.js';

export const WRONG_PASSWORD = 'This is not your password.';

/**
 * account.changeEmail: mails a link to the new address; the account's address changes only when it
 * is followed (auth.verifyEmail). A newer change voids the older link. The old address is told,
 * unless it was never proven (an unverified account fixing a typo would mail a stranger).
 */
export async function changeEmail(
  ctx: Context & { user: SessionUser },
  input: ChangeEmailInput,
): Promise<void> {
  const user = await userAfterPasswordCheck(ctx, input.password, {
    field: 'password',
    message: WRONG_PASSWORD,
  });
  const owner = await findUserByEmail(ctx.db, input.newEmail);
  if (owner?.id === user.id) {
    throw fieldError('BAD_REQUEST', 'newEmail', 'This is already the address of your account.');
  }
  if (owner !== undefined) throw fieldError('CONFLICT', 'newEmail', EMAIL_TAKEN);
  await consumeAccountMailAllowance(ctx, input.newEmail);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    await voidTokens(trx, user.id, 'change_email', now);
    const { tokenId } = await queueVerificationLink(
      trx,
      ctx.config,
      { id: user.id, name: user.name, email: input.newEmail },
      now,
      'change_email',
    );
    if (!user.emailVerified) return;
    await queueMail(
      trx,
      emailChangeNoticeMail(ctx.config, {
        tokenId,
        name: user.name,
        email: user.email,
        newEmail: input.newEmail,
        at: now,
      }),
    );
  });
}
