/**
 * Making sure an admin exists, from ROLEGATE_ADMIN_EMAIL/_PASSWORD at start or `rolegate
 * create-admin`. Idempotent: run it on every start and nothing changes after the first time.
 *
 * Anyone can sign up with any address, so an existing account is only made admin when it is shown
 * to be the operator's; otherwise whoever signed up first as `ops@yourco.example` would become admin
 * with their own password and the sessions they already hold:
 * - No account with the email: one is created, admin, at the `power` level (an admin can already
 *   grant power to anyone, so a lower level would protect nothing).
 * - An account that is not admin is promoted (to `power` as well, the same as a new admin) only if
 *   its address was verified (users.email_verified) and the password given is its password, or with
 *   `resetPassword`.
 *   Otherwise it is refused and left exactly as it was.
 * - `resetPassword` (create-admin --reset-password, a deliberate act) replaces the password and ends
 *   every session of the account. The environment never changes a password: a forgotten variable in
 *   a deploy must not silently reset an admin's.
 */
import type { Executor, User } from '@rolegate/db';
import { writeAudit } from '../audit/write-audit.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { findUserByEmail, insertUser } from './users.js';

export const DEFAULT_ADMIN_NAME = 'Administrator';
/** The level of every admin this makes, created or promoted. */
export const ADMIN_LEVEL = 'power';
/** A promotion is for good: a time-limited level the account held must not end it (decision 033). */
const NO_GRANT = { levelExpiresAt: null, levelBeforeGrant: null, levelExpiryWarnedAt: null };

export interface EnsureAdminInput {
  email: string;
  password: string;
  name?: string;
  /** Replace the password of an existing account and end its sessions (create-admin --reset-password). */
  resetPassword?: boolean;
  /** Who asked, for the audit log. */
  source: 'ROLEGATE_ADMIN_EMAIL' | 'create-admin';
}

export type EnsureAdminResult =
  | { outcome: 'created'; userId: string }
  | {
      outcome: 'promoted' | 'already-admin';
      userId: string;
      /** True when the password was replaced now (and the account's sessions ended). */
      passwordSet: boolean;
      /** False when an existing admin's password differs from the one given and was left alone. */
      passwordMatches: boolean;
    }
  | {
      outcome: 'refused';
      userId: string;
      /** Why the account was not made admin; nothing about it changed. */
      reason: 'password-differs' | 'address-unverified';
    };

export async function ensureAdmin(
  db: Executor,
  input: EnsureAdminInput,
): Promise<EnsureAdminResult> {
  const existing = await findUserByEmail(db, input.email);
  if (existing === undefined) return createAdmin(db, input);
  if (input.resetPassword) return resetPasswordAndPromote(db, existing, input);
  if (existing.isAdmin) {
    const passwordMatches = await verifyPassword(existing.passwordHash, input.password);
    return { outcome: 'already-admin', userId: existing.id, passwordSet: false, passwordMatches };
  }
  // Its password proves nothing about an address nobody confirmed: anyone may have chosen both.
  if (!existing.emailVerified) {
    return { outcome: 'refused', userId: existing.id, reason: 'address-unverified' };
  }
  if (!(await verifyPassword(existing.passwordHash, input.password))) {
    return { outcome: 'refused', userId: existing.id, reason: 'password-differs' };
  }
  return db.transaction().execute(async (trx) => {
    // Only if the password checked above is still the account's: a change in between wins.
    const promoted = await trx
      .updateTable('users')
      .set({ isAdmin: true, role: ADMIN_LEVEL, ...NO_GRANT, updatedAt: new Date() })
      .where('id', '=', existing.id)
      .where('passwordHash', '=', existing.passwordHash)
      .executeTakeFirst();
    if (promoted.numUpdatedRows === 0n) {
      return { outcome: 'refused', userId: existing.id, reason: 'password-differs' } as const;
    }
    await auditPromotion(trx, existing, input, false);
    return { outcome: 'promoted', userId: existing.id, passwordSet: false, passwordMatches: true };
  });
}

async function createAdmin(db: Executor, input: EnsureAdminInput): Promise<EnsureAdminResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: input.email.trim(),
      name: input.name?.trim() || DEFAULT_ADMIN_NAME,
      passwordHash,
      role: ADMIN_LEVEL,
      isAdmin: true,
      emailVerified: true,
    });
    await writeAudit(trx, {
      actorId: null,
      action: 'user.admin_created',
      subjectType: 'user',
      subjectId: user.id,
      details: { source: input.source, level: ADMIN_LEVEL },
    });
    return { outcome: 'created', userId: user.id } as const;
  });
}

async function resetPasswordAndPromote(
  db: Executor,
  existing: User,
  input: EnsureAdminInput,
): Promise<EnsureAdminResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        passwordHash,
        isAdmin: true,
        // The operator vouches for the address by taking the account over deliberately.
        emailVerified: true,
        ...(existing.isAdmin ? {} : { role: ADMIN_LEVEL, ...NO_GRANT }),
        updatedAt: new Date(),
      })
      .where('id', '=', existing.id)
      .execute();
    await revokeUserSessions(trx, existing.id);
    if (!existing.isAdmin) await auditPromotion(trx, existing, input, true);
    return {
      outcome: existing.isAdmin ? 'already-admin' : 'promoted',
      userId: existing.id,
      passwordSet: true,
      passwordMatches: true,
    } as const;
  });
}

function auditPromotion(db: Executor, user: User, input: EnsureAdminInput, passwordReset: boolean) {
  return writeAudit(db, {
    actorId: null,
    action: 'user.made_admin',
    subjectType: 'user',
    subjectId: user.id,
    details: { source: input.source, fromLevel: user.role, toLevel: ADMIN_LEVEL, passwordReset },
  });
}
