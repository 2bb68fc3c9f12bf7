/**
 * "Forgot your password?" (decision 024). Asking answers the same, in the same time, whether or not
 * an account has the address: both paths run the same statement, which writes the link and its mail
 * only when a user matched, in one transaction with the address's rate-limit count, so both commit
 * exactly one durable write (one WAL flush: the cost that told the paths apart, bench row 9). Following the link sets the password, proves the address, ends every
 * session and opens a new one.
 */
import { randomUUID } from 'node:crypto';
import type { PublicUser, ResetPasswordInput } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';
import type { Context } from '../context.js';
import { passwordResetMail } from '../notifications/account.js';
import { OUTBOX_CHANNEL } from '../outbox/listener.js';
import { outboxRow } from '../outbox/queue.js';
import { consumeAccountMailAllowance } from '../rate-limit/account-mail-limits.js';
import {
  consumeToken,
  findUsableToken,
  newAccountToken,
  type PresentedLink,
  voidTokens,
} from './account-tokens.js';
import { setPassword } from './change-password.js';
import { linkExpired, markEmailVerified } from './email-verification.js';
import { hashPassword } from './passwords.js';
import { loadPublicUserOrThrow } from './person.js';
import { setSessionCookie } from './session-cookie.js';
import { createSession, revokeSession, revokeUserSessions, sessionClientOf } from './sessions.js';
import { findUserById } from './users.js';

const MINUTE_MS = 60 * 1000;

/** auth.requestPasswordReset: always `{ ok: true }`; the mail is queued, never sent here. */
export async function requestPasswordReset(ctx: Context, email: string): Promise<void> {
  const now = ctx.now();
  // Built on both paths, account or not: the same work whatever the answer would have revealed.
  const link = newAccountToken(
    { id: randomUUID(), userId: randomUUID(), purpose: 'reset_password', email },
    now,
    ctx.config.passwordResetMinutes * MINUTE_MS,
  );
  const mail = outboxRow(
    passwordResetMail(ctx.config, { tokenId: link.row.id, token: link.token, email }),
  );
  await ctx.db.transaction().execute(async (trx) => {
    // Counted even with the limit off: without it an unknown address would commit nothing at all.
    await consumeAccountMailAllowance({ ...ctx, db: trx }, email, { alwaysCount: true });
    await insertResetIfAccount(trx, { ...link.row, mail });
  });
}

/**
 * One statement: finds the account by address, voids its older reset links, writes the new one and
 * queues the mail, addressed to the address as the account has it. Without an account every CTE
 * touches no row. The workers are woken either way (they then find nothing to claim): a wake-up
 * only for accounts would be work, in Postgres and in every listening process, that only an
 * existing address causes.
 */
async function insertResetIfAccount(
  db: Executor,
  row: { id: string; tokenHash: string; email: string; createdAt: Date; expiresAt: Date } & {
    mail: { idempotencyKey: string; message: string };
  },
): Promise<void> {
  await sql`
    with target as (
      select id, email from users where lower(email) = lower(${row.email})
    ), voided as (
      update account_tokens set used_at = ${row.createdAt}
       where user_id in (select id from target) and purpose = 'reset_password' and used_at is null
    ), new_token as (
      insert into account_tokens (id, token_hash, user_id, purpose, email, created_at, expires_at)
      select ${row.id}, ${row.tokenHash}, id, 'reset_password', email, ${row.createdAt}, ${row.expiresAt}
        from target
    ), queued as (
      insert into mail_outbox (idempotency_key, message)
      select ${row.mail.idempotencyKey}, jsonb_set(${row.mail.message}::jsonb, '{to}', jsonb_build_array(email))
        from target
      on conflict (idempotency_key) do nothing
    )
    select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
}

/** auth.resetPassword: unknown, used, late and superseded links all get LINK_EXPIRED. */
export async function resetPassword(ctx: Context, input: ResetPasswordInput): Promise<PublicUser> {
  const resetLink = (now: Date): PresentedLink => ({
    token: input.token,
    purposes: ['reset_password'],
    now,
  });
  // Checked before hashing, so a stream of bad links costs no argon2 time; consumed below.
  if ((await findUsableToken(ctx.db, resetLink(ctx.now()))) === undefined) throw linkExpired();
  const passwordHash = await hashPassword(input.password);
  const { userId, session } = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const link = await consumeToken(trx, resetLink(now));
    if (link === undefined) throw linkExpired();
    const user = await findUserById(trx, link.userId);
    // The account's address changed since the link was mailed: it no longer proves anything.
    if (user === undefined || user.email.toLowerCase() !== link.email.toLowerCase()) {
      throw linkExpired();
    }
    await setPassword(trx, ctx.config, { user, passwordHash, now });
    await markEmailVerified(trx, ctx.config, user.id, now, ctx.logger);
    await revokeUserSessions(trx, user.id);
    await voidTokens(trx, user.id, 'reset_password', now);
    // A session this browser had (perhaps someone else's) is replaced, as signing in does.
    if (ctx.sessionTokenHash !== null) await revokeSession(trx, ctx.sessionTokenHash);
    return {
      userId: user.id,
      session: await createSession(trx, user.id, now, sessionClientOf(ctx)),
    };
  });
  setSessionCookie(ctx, session.token, session.expiresAt);
  return loadPublicUserOrThrow(ctx.db, userId);
}
