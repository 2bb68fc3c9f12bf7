import { ACCESS_TABLE, grantFor, isAbove, isLevel, type RequestLevelInput } from '@rolegate/core';
import { writeAudit } from '../audit/write-audit.js';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import { refuseDuringCooldown } from '../levels/cooldown.js';
import { openLevelRequest } from '../requests/open.js';
import type { SessionUser } from './person.js';
import { findUserById, setUserRole } from './users.js';

/**
 * A signed-in person asks for a higher level: the same flow as at sign-up. A level without approval
 * is granted at once; one that needs it raises the person to its provisional level (if that is
 * higher) and opens a request, in one transaction.
 */
export async function requestLevel(
  ctx: Context & { user: SessionUser },
  input: RequestLevelInput,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, ctx.user.id);
    if (user === undefined || !isLevel(user.role)) {
      throw fieldError('BAD_REQUEST', 'role', 'Your account could not be read; sign in again.');
    }
    if (!isAbove(input.role, user.role)) {
      const current = ACCESS_TABLE[user.role].label;
      throw fieldError(
        'BAD_REQUEST',
        'role',
        input.role === user.role
          ? `You already have ${current}; choose a level above it.`
          : `You already have ${current}, which includes ${ACCESS_TABLE[input.role].label}; choose a level above ${current}.`,
      );
    }
    const grant = grantFor(input.role, ctx.config.approvalRequiredLevels);
    if (grant.requestedRole !== null) {
      await refuseDuringCooldown(trx, ctx.config, {
        userId: user.id,
        role: grant.requestedRole,
        now: ctx.now(),
      });
    }
    // Someone already above the provisional level keeps their level while they wait.
    const waitsAs = isAbove(grant.role, user.role) ? grant.role : user.role;
    if (waitsAs !== user.role) {
      await setUserRole(trx, user.id, waitsAs, ctx.now());
      // Every change of level has its audit row (decision 033), this one too: granted at once, as
      // asked or as the provisional level while the request waits.
      await writeAudit(trx, {
        actorId: user.id,
        action: 'user.level_granted_at_once',
        subjectType: 'user',
        subjectId: user.id,
        details: { roleBefore: user.role, roleAfter: waitsAs, asked: input.role },
      });
    }
    if (grant.requestedRole !== null) {
      await openLevelRequest(trx, ctx.config, {
        user: { ...user, role: waitsAs },
        role: grant.requestedRole,
        reason: input.reason,
        logger: ctx.logger,
        now: ctx.now(),
      });
    }
  });
}
