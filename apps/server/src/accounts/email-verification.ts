/**
 * Proving an address (decision 025): a link mailed at sign-up, on request, or to a new address.
 * Following it marks the account verified and, in the same transaction, tells the admins about a
 * level request that was waiting for the proof.
 */
import { randomUUID } from 'node:crypto';
import type { PublicUser } from '@rolegate/core';
import { constraints, type Executor, isUniqueViolation } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import type { AppConfig } from '../env.js';
import { FieldProblem, fieldError } from '../errors.js';
import { verifyEmailMail } from '../notifications/account.js';
import { notifyAdminsOfLevelRequest } from '../notifications/notify.js';
import { type QueueMailInput, queueMail } from '../outbox/queue.js';
import { consumeAccountMailAllowance } from '../rate-limit/account-mail-limits.js';
import { findPendingRequestOf } from '../requests/open.js';
import {
  consumeToken,
  insertAccountToken,
  LINK_EXPIRED,
  type NewAccountToken,
  newAccountToken,
  VERIFY_EMAIL_LIFETIME_MS,
  voidTokens,
} from './account-tokens.js';
import type { SessionUser } from './person.js';
import { loadPublicUserOrThrow } from './person.js';
import { findUserById } from './users.js';

const VERIFY_EMAIL_HOURS = VERIFY_EMAIL_LIFETIME_MS / (60 * 60 * 1000);

type LinkConfig = Pick<AppConfig, 'appUrl' | 'mail'>;

/**
 * A verification link for `email` and its mail, not yet written: sign-up puts both into its one
 * statement, the other callers write them with queueVerificationLink.
 */
export function verificationLink(
  config: LinkConfig,
  person: { id: string; name: string; email: string },
  now: Date,
  purpose: 'verify_email' | 'change_email' = 'verify_email',
): { secret: NewAccountToken; mail: QueueMailInput } {
  const secret = newAccountToken(
    { id: randomUUID(), userId: person.id, purpose, email: person.email },
    now,
    VERIFY_EMAIL_LIFETIME_MS,
  );
  const mail = verifyEmailMail(
    config,
    {
      tokenId: secret.row.id,
      token: secret.token,
      name: person.name,
      email: person.email,
      newAddress: purpose === 'change_email',
    },
    VERIFY_EMAIL_HOURS,
  );
  return { secret, mail };
}

/** Writes a verification link and queues its mail; call it inside the caller's transaction. */
export async function queueVerificationLink(
  db: Executor,
  config: LinkConfig,
  person: { id: string; name: string; email: string },
  now: Date,
  purpose: 'verify_email' | 'change_email' = 'verify_email',
): Promise<{ tokenId: string }> {
  const link = verificationLink(config, person, now, purpose);
  await insertAccountToken(db, link.secret);
  await queueMail(db, link.mail);
  return { tokenId: link.secret.row.id };
}

/** auth.resendVerification: a fresh link (older ones keep working until they expire). */
export async function resendVerification(ctx: Context & { user: SessionUser }): Promise<void> {
  if (ctx.user.emailVerified) return;
  await consumeAccountMailAllowance(ctx, ctx.user.email);
  await ctx.db
    .transaction()
    .execute((trx) => queueVerificationLink(trx, ctx.config, ctx.user, ctx.now()));
}

/**
 * auth.verifyEmail: the link's account (whoever is signed in) gets the address the link was sent
 * to, verified. A link for an address the account no longer has, used, late or unknown changes
 * nothing and gets the one LINK_EXPIRED answer.
 */
export async function verifyEmail(ctx: Context, token: string): Promise<PublicUser> {
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const link = await consumeToken(trx, {
      token,
      purposes: ['verify_email', 'change_email'],
      now,
    });
    if (link === undefined) throw linkExpired();
    const user = await findUserById(trx, link.userId);
    if (user === undefined) throw linkExpired();
    if (link.purpose === 'change_email') {
      await setAddress(trx, user.id, link.email, now);
      await voidTokens(trx, user.id, 'change_email', now);
    } else if (user.email.toLowerCase() !== link.email.toLowerCase()) {
      throw linkExpired();
    }
    await markEmailVerified(trx, ctx.config, user.id, now, ctx.logger);
    return user.id;
  });
  return loadPublicUserOrThrow(ctx.db, userId);
}

async function setAddress(db: Executor, userId: string, email: string, now: Date): Promise<void> {
  try {
    await db.updateTable('users').set({ email, updatedAt: now }).where('id', '=', userId).execute();
  } catch (error) {
    if (isUniqueViolation(error, constraints.usersEmailUnique)) {
      throw fieldError('CONFLICT', 'token', 'Another account took this address in the meantime.');
    }
    throw error;
  }
}

/**
 * Marks the address proven. A level request made before (at sign-up) reaches the admins now, in
 * this transaction: its mail is keyed on the request, so it is queued once however often this runs.
 */
export async function markEmailVerified(
  db: Executor,
  config: AppConfig,
  userId: string,
  now: Date,
  logger?: Pick<Logger, 'warn'>,
): Promise<void> {
  const user = await db
    .updateTable('users')
    .set({ emailVerified: true, updatedAt: now })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (config.emailVerification !== 'required') return;
  const request = await findPendingRequestOf(db, userId);
  if (request !== undefined) {
    await notifyAdminsOfLevelRequest(db, config, { request, user }, { now, logger });
  }
}

/** Names the `token` field for clients, but the answer stays one sentence without the field's name. */
export function linkExpired(): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: LINK_EXPIRED,
    cause: new FieldProblem('token', LINK_EXPIRED, true),
  });
}
