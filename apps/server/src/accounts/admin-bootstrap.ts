/**
 * Making sure an admin exists, from ROLEGATE_ADMIN_EMAIL/_PASSWORD at start or `rolegate
 * create-admin`. Idempotent: run it on every start and nothing changes after the first time.
 *
 * - No account with the email: one is created, admin, at the `power` level (an admin can already
 *   grant power to anyone, so a lower level would protect nothing).
 * - An account exists: it is made admin if it is not; its level is kept.
 * - The password of an existing account is NEVER changed from the environment: a forgotten
 *   variable in a deploy must not silently reset an admin's password. Only `rolegate create-admin
 *   --reset-password` (a deliberate act) sets it, and then every session of that account ends.
 */
import type { Executor } from '@rolegate/db';
import { hashPassword, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { findUserByEmail, insertUser } from './users.js';

export const DEFAULT_ADMIN_NAME = 'Administrator';

export interface EnsureAdminInput {
  email: string;
  password: string;
  name?: string;
  /** Set the password of an existing account too (create-admin --reset-password). */
  resetPassword?: boolean;
}

export interface EnsureAdminResult {
  userId: string;
  outcome: 'created' | 'promoted' | 'already-admin';
  /** True when the account was created or its password set now. */
  passwordSet: boolean;
  /** False when an existing account's password differs from the one given and was left alone. */
  passwordMatches: boolean;
}

export async function ensureAdmin(
  db: Executor,
  input: EnsureAdminInput,
): Promise<EnsureAdminResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, input.email);
    if (existing === undefined) {
      const user = await insertUser(trx, {
        email: input.email.trim(),
        name: input.name?.trim() || DEFAULT_ADMIN_NAME,
        passwordHash,
        role: 'power',
        isAdmin: true,
      });
      return { userId: user.id, outcome: 'created', passwordSet: true, passwordMatches: true };
    }
    const outcome = existing.isAdmin ? 'already-admin' : 'promoted';
    if (!existing.isAdmin) {
      await trx
        .updateTable('users')
        .set({ isAdmin: true, updatedAt: new Date() })
        .where('id', '=', existing.id)
        .execute();
    }
    if (input.resetPassword) {
      await trx
        .updateTable('users')
        .set({ passwordHash, updatedAt: new Date() })
        .where('id', '=', existing.id)
        .execute();
      await revokeUserSessions(trx, existing.id);
      return { userId: existing.id, outcome, passwordSet: true, passwordMatches: true };
    }
    const passwordMatches = await verifyPassword(existing.passwordHash, input.password);
    return { userId: existing.id, outcome, passwordSet: false, passwordMatches };
  });
}
