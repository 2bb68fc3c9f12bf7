import { randomUUID } from 'node:crypto';
import { grantFor, type PublicUser, type RegisterInput } from '@rolegate/core';
import { constraints, isUniqueViolation } from '@rolegate/db';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import { levelRequestRows } from '../notifications/notify.js';
import { outboxRow } from '../outbox/queue.js';
import { consumeSignupAllowance } from '../rate-limit/limits.js';
import { requestReason } from '../requests/open.js';
import { verificationLink } from './email-verification.js';
import { hashPassword } from './passwords.js';
import { toPublicUser } from './person.js';
import { setSessionCookie } from './session-cookie.js';
import { newSession, revokeSession, sessionClientOf } from './sessions.js';
import { insertSignUp, type SignUpRows } from './sign-up-statement.js';

export const EMAIL_TAKEN = 'An account with this email already exists.';

/**
 * Creates the account at the level the access table grants at once and signs the person in,
 * unverified. With EMAIL_VERIFICATION=required the link that verifies the address is mailed; a
 * level that needs approval opens a request, whose admins' mail waits for the address to be proven
 * (or goes at once with verification off). Everything commits together or not at all (one
 * statement, see insertSignUp).
 */
export async function registerUser(ctx: Context, input: RegisterInput): Promise<PublicUser> {
  await consumeSignupAllowance(ctx);
  const grant = grantFor(input.role, ctx.config.approvalRequiredLevels);
  const passwordHash = await hashPassword(input.password);
  // Ids and the request's time are made here, not by Postgres: the admins' mail names the request
  // and is written in the same statement as it.
  const now = ctx.now();
  const verification = ctx.config.emailVerification === 'required';
  const user = {
    id: randomUUID(),
    email: input.email,
    name: input.name,
    passwordHash,
    role: grant.role,
    emailVerified: false,
  };
  const session = newSession(user.id, now, sessionClientOf(ctx));
  const request =
    grant.requestedRole === null
      ? null
      : {
          id: randomUUID(),
          userId: user.id,
          requestedRole: grant.requestedRole,
          reason: requestReason(input.reason),
          createdAt: now,
        };
  // With verification required, the admins hear of the request once the address is proven
  // (accounts/email-verification.ts); until then only the verification link is mailed.
  const link = verification ? verificationLink(ctx.config, user, now) : null;
  const admins =
    request === null || verification
      ? { mails: [], decisionLinks: [] }
      : await levelRequestRows(ctx.db, ctx.config, { request, user }, { now, logger: ctx.logger });
  const created = await insertOrRefuseTakenEmail(ctx, {
    user,
    session: session.row,
    request,
    token: link?.secret.row ?? null,
    mails: [...(link === null ? [] : [outboxRow(link.mail)]), ...admins.mails],
    decisionLinks: admins.decisionLinks,
  });
  // Signing up while signed in replaces that session, as signing in does.
  if (ctx.sessionTokenHash !== null) await revokeSession(ctx.db, ctx.sessionTokenHash);
  setSessionCookie(ctx, session.token, session.row.expiresAt);
  return toPublicUser({ ...created, pendingRole: grant.requestedRole, levelExpiresAt: null });
}

async function insertOrRefuseTakenEmail(ctx: Context, rows: SignUpRows) {
  try {
    return await insertSignUp(ctx.db, rows);
  } catch (error) {
    if (isUniqueViolation(error, constraints.usersEmailUnique)) {
      throw fieldError('CONFLICT', 'email', EMAIL_TAKEN);
    }
    throw error;
  }
}
